package dev.cascade.workers.rbm;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.Ticker;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import com.github.benmanes.caffeine.cache.stats.StatsCounter;
import dev.cascade.platform.channels.ContentKind;
import dev.cascade.schemas.AttemptResult;
import dev.cascade.schemas.Channel;
import dev.cascade.schemas.ChannelCommand;
import dev.cascade.schemas.Content;
import dev.cascade.schemas.RichCard;
import dev.cascade.workers.provider.ChannelProvider;
import dev.cascade.workers.provider.JsonHttp;
import dev.cascade.workers.provider.ProviderContext.CacheLookup;
import dev.cascade.workers.provider.ProviderResult;
import dev.cascade.workers.provider.TransientProviderException;
import dev.cascade.workers.provider.UnsupportedContentException;
import dev.cascade.workers.provider.Uris;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * Google RCS Business Messaging v1: a capability check first (404: the device cannot receive
 * RCS, so nothing is sent), then {@code phones.agentMessages.create} with Cascade's attempt id as
 * the client-chosen {@code messageId}; revoke is {@code phones.agentMessages.delete}. Capability
 * answers are cached per number (seed 002: 4 h by default).
 */
final class RbmProvider implements ChannelProvider {

  static final String NAME = "rbm";
  private static final Set<ContentKind> EXPRESSIBLE =
      Set.of(ContentKind.TEXT, ContentKind.RICH_CARD, ContentKind.CAROUSEL, ContentKind.MEDIA);

  private final JsonHttp http;
  private final URI baseUrl;
  private final RbmAccessToken accessToken;
  private final AsyncCache<String, Boolean> capabilities;

  RbmProvider(
      JsonHttp http,
      URI baseUrl,
      RbmAccessToken accessToken,
      AsyncCache<String, Boolean> capabilities) {
    this.http = http;
    this.baseUrl = baseUrl;
    this.accessToken = accessToken;
    this.capabilities = capabilities;
  }

  /**
   * Capability answers by number: expire {@code ttl} after they were given, least recently used
   * first beyond {@code size}; every lookup is reported as a hit or a miss. A failed check is not
   * cached.
   */
  static AsyncCache<String, Boolean> capabilityCache(
      Duration ttl, long size, Consumer<CacheLookup> lookups, Ticker ticker) {
    return Caffeine.newBuilder()
        .expireAfterWrite(ttl)
        .maximumSize(size)
        .ticker(ticker)
        .recordStats(() -> new LookupCounter(lookups))
        .buildAsync();
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Set<Channel> channels() {
    return Set.of(Channel.RCS);
  }

  @Override
  public CompletionStage<ProviderResult> send(ChannelCommand command) {
    UnsupportedContentException.requireOneOf(command, NAME, EXPRESSIBLE);
    return capabilities
        .get(command.getTo(), (number, executor) -> checkCapability(command))
        .thenCompose(capable -> capable
            ? create(command)
            : CompletableFuture.completedFuture(ProviderResult.notCapable("NOT_FOUND")));
  }

  private CompletableFuture<ProviderResult> create(ChannelCommand command) {
    URI uri = URI.create(phone(command) + "/agentMessages?messageId="
        + Uris.encode(command.getAttemptId()) + "&agentId=" + Uris.encode(command.getSender()));
    Map<String, Object> body = agentMessage(command);
    return call("POST", uri, body)
        .thenApply(answer -> answer.ok()
            ? ProviderResult.accepted(List.of(command.getAttemptId()))
            : rejected(answer));
  }

  @Override
  public CompletionStage<ProviderResult> revoke(ChannelCommand command) {
    String messageId = command.getProviderMessageIds().isEmpty()
        ? command.getAttemptId()
        : command.getProviderMessageIds().getFirst();
    URI uri = URI.create(phone(command) + "/agentMessages/" + Uris.encode(messageId) + "?agentId="
        + Uris.encode(command.getSender()));
    return call("DELETE", uri, null).thenApply(answer -> {
      if (answer.ok()) {
        return ProviderResult.of(AttemptResult.REVOKED);
      }
      if (answer.status() == 404) {
        // RBM answers NOT_FOUND once the message was delivered: it can no longer be revoked
        return ProviderResult.of(AttemptResult.ALREADY_DELIVERED);
      }
      return ProviderResult.revokeFailed(
          errorReason(answer), answer.body().path("error").path("message").asText());
    });
  }

  private CompletableFuture<Boolean> checkCapability(ChannelCommand command) {
    URI uri = URI.create(phone(command) + "/capabilities?requestId=" + UUID.randomUUID()
        + "&agentId=" + Uris.encode(command.getSender()));
    return call("GET", uri, null)
        .thenCompose(answer -> answer.status() == 200 || answer.status() == 404
            ? CompletableFuture.completedFuture(answer.status() == 200)
            : CompletableFuture.failedFuture(new TransientProviderException(
                "RBM capability check answered " + answer.status(), null, null)));
  }

  private CompletableFuture<JsonHttp.Answer> call(String method, URI uri, Object body) {
    return accessToken
        .current()
        .thenCompose(token -> http.call(NAME, method, uri, "Bearer " + token, body));
  }

  private static ProviderResult rejected(JsonHttp.Answer answer) {
    return ProviderResult.rejected(
        errorReason(answer),
        answer.body().path("error").path("message").asText("HTTP " + answer.status()));
  }

  /** The ErrorInfo reason of a Google API error (e.g. AGENT_NOT_REACHABLE), else its status. */
  private static String errorReason(JsonHttp.Answer answer) {
    JsonNode error = answer.body().path("error");
    for (JsonNode detail : error.path("details")) {
      if (detail.path("@type").asText().endsWith("google.rpc.ErrorInfo")
          && detail.hasNonNull("reason")) {
        return detail.get("reason").asText();
      }
    }
    return error.path("status").asText("HTTP_" + answer.status());
  }

  static Map<String, Object> agentMessage(ChannelCommand command) {
    Content content = command.getContent();
    Map<String, Object> message = new LinkedHashMap<>();
    if (content.getRichCard() != null) {
      message.put(
          "richCard",
          Map.of(
              "standaloneCard",
              Map.of(
                  "cardOrientation",
                  "VERTICAL",
                  "cardContent",
                  cardContent(content.getRichCard()))));
    } else if (content.getCarousel() != null) {
      message.put(
          "richCard",
          Map.of(
              "carouselCard",
              Map.of(
                  "cardWidth",
                  "MEDIUM",
                  "cardContents",
                  content.getCarousel().stream().map(RbmProvider::cardContent).toList())));
    } else if (content.getMedia() != null) {
      message.put("contentInfo", Map.of("fileUrl", content.getMedia()));
    } else {
      message.put("text", content.getText());
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("contentMessage", message);
    if (command.getValiditySeconds() != null) {
      body.put("ttl", command.getValiditySeconds() + "s");
    }
    return body;
  }

  private static Map<String, Object> cardContent(RichCard card) {
    Map<String, Object> content = new LinkedHashMap<>();
    if (card.getTitle() != null) {
      content.put("title", card.getTitle());
    }
    if (card.getDescription() != null) {
      content.put("description", card.getDescription());
    }
    if (card.getMedia() != null) {
      content.put(
          "media", Map.of("height", "MEDIUM", "contentInfo", Map.of("fileUrl", card.getMedia())));
    }
    if (!card.getSuggestions().isEmpty()) {
      content.put(
          "suggestions",
          card.getSuggestions().stream()
              .map(s -> Map.of(
                  "reply",
                  Map.of(
                      "text",
                      s.getText(),
                      "postbackData",
                      s.getPostbackData() == null ? s.getText() : s.getPostbackData())))
              .toList());
    }
    return content;
  }

  private String phone(ChannelCommand command) {
    return baseUrl + "/v1/phones/" + Uris.encode(command.getTo());
  }

  /** Reports each capability lookup; Caffeine's other statistics are not needed. */
  private record LookupCounter(Consumer<CacheLookup> lookups) implements StatsCounter {

    @Override
    public void recordHits(int count) {
      for (int i = 0; i < count; i++) {
        lookups.accept(CacheLookup.HIT);
      }
    }

    @Override
    public void recordMisses(int count) {
      for (int i = 0; i < count; i++) {
        lookups.accept(CacheLookup.MISS);
      }
    }

    @Override
    public void recordLoadSuccess(long loadTime) {}

    @Override
    public void recordLoadFailure(long loadTime) {}

    @Override
    public void recordEviction(int weight, RemovalCause cause) {}

    @Override
    public CacheStats snapshot() {
      return CacheStats.empty();
    }
  }
}
