package dev.cascade.workers.rbm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cascade.schemas.ChannelCommand;
import dev.cascade.schemas.Content;
import dev.cascade.schemas.RichCard;
import dev.cascade.workers.provider.ChannelProvider;
import dev.cascade.workers.provider.JsonHttp;
import dev.cascade.workers.provider.ProviderResult;
import dev.cascade.workers.provider.TransientProviderException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Google RCS Business Messaging v1: a capability check first (404: the device cannot receive
 * RCS, so nothing is sent), then {@code phones.agentMessages.create} with Cascade's attempt id as
 * the client-chosen {@code messageId}; revoke is {@code phones.agentMessages.delete}.
 */
public final class RbmProvider implements ChannelProvider {

  public static final String NAME = "rbm";

  private final JsonHttp http;
  private final String baseUrl;
  private final RbmAccessToken accessToken;
  private final CapabilityCache capabilities;

  public RbmProvider(JsonHttp http, String baseUrl, RbmAccessToken accessToken, CapabilityCache capabilities) {
    this.http = http;
    this.baseUrl = baseUrl;
    this.accessToken = accessToken;
    this.capabilities = capabilities;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public ProviderResult send(ChannelCommand command) throws TransientProviderException {
    if (!capable(command)) {
      return ProviderResult.notCapable("NOT_FOUND");
    }
    URI uri = URI.create(phone(command) + "/agentMessages?messageId=" + encode(command.getAttemptId())
        + "&agentId=" + encode(command.getSender()));
    JsonHttp.Answer answer = http.call(NAME, "POST", uri, "Bearer " + accessToken.current(), agentMessage(command));
    if (answer.ok()) {
      return ProviderResult.accepted(List.of(command.getAttemptId()));
    }
    return rejected(answer);
  }

  @Override
  public ProviderResult revoke(ChannelCommand command) throws TransientProviderException {
    String messageId = command.getProviderMessageIds().isEmpty() ? command.getAttemptId()
        : command.getProviderMessageIds().getFirst();
    URI uri = URI.create(phone(command) + "/agentMessages/" + encode(messageId) + "?agentId=" + encode(command.getSender()));
    JsonHttp.Answer answer = http.call(NAME, "DELETE", uri, "Bearer " + accessToken.current(), null);
    if (answer.ok()) {
      return ProviderResult.of(dev.cascade.schemas.AttemptResult.REVOKED);
    }
    if (answer.status() == 404) {
      // RBM answers NOT_FOUND once the message was delivered: it can no longer be revoked
      return ProviderResult.of(dev.cascade.schemas.AttemptResult.ALREADY_DELIVERED);
    }
    return ProviderResult.revokeFailed(errorReason(answer), answer.body().path("error").path("message").asText());
  }

  private boolean capable(ChannelCommand command) throws TransientProviderException {
    var cached = capabilities.get(command.getTo());
    if (cached.isPresent()) {
      return cached.get();
    }
    URI uri = URI.create(phone(command) + "/capabilities?requestId=" + UUID.randomUUID()
        + "&agentId=" + encode(command.getSender()));
    JsonHttp.Answer answer = http.call(NAME, "GET", uri, "Bearer " + accessToken.current(), null);
    if (answer.status() != 200 && answer.status() != 404) {
      throw new TransientProviderException("RBM capability check answered " + answer.status(), null, null);
    }
    boolean capable = answer.status() == 200;
    capabilities.put(command.getTo(), capable);
    return capable;
  }

  private static ProviderResult rejected(JsonHttp.Answer answer) {
    return ProviderResult.rejected(errorReason(answer),
        answer.body().path("error").path("message").asText("HTTP " + answer.status()));
  }

  /** The ErrorInfo reason of a Google API error (e.g. AGENT_NOT_REACHABLE), else its status. */
  private static String errorReason(JsonHttp.Answer answer) {
    JsonNode error = answer.body().path("error");
    for (JsonNode detail : error.path("details")) {
      if (detail.path("@type").asText().endsWith("google.rpc.ErrorInfo") && detail.hasNonNull("reason")) {
        return detail.get("reason").asText();
      }
    }
    return error.path("status").asText("HTTP_" + answer.status());
  }

  static Map<String, Object> agentMessage(ChannelCommand command) {
    Content content = command.getContent();
    Map<String, Object> message = new LinkedHashMap<>();
    if (content.getRichCard() != null) {
      message.put("richCard", Map.of("standaloneCard", Map.of(
          "cardOrientation", "VERTICAL", "cardContent", cardContent(content.getRichCard()))));
    } else if (content.getCarousel() != null) {
      message.put("richCard", Map.of("carouselCard", Map.of(
          "cardWidth", "MEDIUM", "cardContents", content.getCarousel().stream().map(RbmProvider::cardContent).toList())));
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
      content.put("media", Map.of("height", "MEDIUM", "contentInfo", Map.of("fileUrl", card.getMedia())));
    }
    if (!card.getSuggestions().isEmpty()) {
      content.put("suggestions", card.getSuggestions().stream()
          .map(s -> Map.of("reply", Map.of("text", s.getText(),
              "postbackData", s.getPostbackData() == null ? s.getText() : s.getPostbackData())))
          .toList());
    }
    return content;
  }

  private String phone(ChannelCommand command) {
    return baseUrl + "/v1/phones/" + encode(command.getTo());
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
