package dev.cascade.workers.infobip;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.cascade.platform.channels.ContentKind;
import dev.cascade.schemas.ChannelCommand;
import dev.cascade.schemas.Content;
import dev.cascade.schemas.RichCard;
import dev.cascade.schemas.Suggestion;
import dev.cascade.workers.provider.JsonHttp;
import dev.cascade.workers.provider.ProviderContext.CacheLookup;
import dev.cascade.workers.provider.ProviderResult;
import dev.cascade.workers.provider.TransientProviderException;
import dev.cascade.workers.provider.UnsupportedContentException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * RCS over Infobip's RCS API. "Check RCS capability" ({@code POST
 * /rcs/2/capability-check/query}) answers synchronously per number: {@code ENABLED} sends,
 * {@code UNREACHABLE} is NOT_CAPABLE (the step is skipped unbilled, as RBM's 404), a transient
 * code is retried, any other code rejects the attempt with it. Both lasting answers are cached per
 * sender and number. "Send RCS messages" ({@code POST /rcs/2/messages}) then carries one message
 * whose destination's {@code messageId} is the attempt id: {@code TEXT}, {@code FILE},
 * {@code CARD}, {@code CAROUSEL} or {@code PROVIDER_TEMPLATE} content (the template's {@code name}
 * is Infobip's {@code templateId}, the registered template name), the step's validity in seconds
 * and the notify URL as delivery and seen webhook.
 */
final class InfobipRcs {

  static final Set<ContentKind> CONTENT = Set.of(
      ContentKind.TEXT,
      ContentKind.TEMPLATE,
      ContentKind.RICH_CARD,
      ContentKind.CAROUSEL,
      ContentKind.MEDIA);

  static final String ENABLED = "ENABLED";
  static final String UNREACHABLE = "UNREACHABLE";
  /** "External problems during capability check" and "couldn't be processed, try again". */
  private static final Set<String> TRANSIENT = Set.of("REQUEST_FAILED", "PROCESSING_ERROR");

  private final JsonHttp http;
  private final InfobipConfig config;
  private final Cache<String, String> capabilities;
  private final Consumer<CacheLookup> lookups;

  InfobipRcs(JsonHttp http, InfobipConfig config, Consumer<CacheLookup> lookups) {
    this.http = http;
    this.config = config;
    this.lookups = lookups;
    this.capabilities = Caffeine.newBuilder()
        .expireAfterWrite(config.capabilityTtl())
        .maximumSize(config.capabilityCacheSize())
        .build();
  }

  CompletionStage<ProviderResult> send(ChannelCommand command, String notifyUrl) {
    UnsupportedContentException.requireOneOf(command, InfobipProvider.NAME, CONTENT);
    if (!config.rcsCapabilityCheck()) {
      return post(command, notifyUrl);
    }
    String key = command.getSender() + " " + command.getTo();
    String cached = capabilities.getIfPresent(key);
    if (cached != null) {
      lookups.accept(CacheLookup.HIT);
      return act(cached, command, notifyUrl);
    }
    lookups.accept(CacheLookup.MISS);
    return check(command).thenCompose(answer -> {
      if (!answer.ok()) {
        return CompletableFuture.completedFuture(InfobipProvider.rejected(answer));
      }
      String code = code(answer.body(), command.getTo().substring(1));
      if (TRANSIENT.contains(code)) {
        return CompletableFuture.failedFuture(new TransientProviderException(
            "Infobip RCS capability check answered " + code, null, null));
      }
      if (code.equals(ENABLED) || code.equals(UNREACHABLE)) {
        capabilities.put(key, code);
      }
      return act(code, command, notifyUrl);
    });
  }

  private CompletableFuture<ProviderResult> act(
      String code, ChannelCommand command, String notifyUrl) {
    return switch (code) {
      case ENABLED -> post(command, notifyUrl);
      case UNREACHABLE -> CompletableFuture.completedFuture(ProviderResult.notCapable(code));
      default ->
        CompletableFuture.completedFuture(
            ProviderResult.rejected(code, "Infobip RCS capability check answered " + code));
    };
  }

  private CompletableFuture<JsonHttp.Answer> check(ChannelCommand command) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("sender", command.getSender());
    body.put("phoneNumbers", List.of(command.getTo().substring(1)));
    return http.call(
        InfobipProvider.NAME,
        "POST",
        URI.create(config.baseUrl() + "/rcs/2/capability-check/query"),
        "App " + config.apiKey(),
        body);
  }

  /** The code of {@code number} in a capability answer; UNKNOWN_CODE when it is not listed. */
  private static String code(JsonNode answer, String number) {
    for (JsonNode result : answer.path("capabilityCheckResults")) {
      if (number.equals(result.path("phoneNumber").asText())) {
        return result.path("code").asText("UNKNOWN_CODE");
      }
    }
    return "UNKNOWN_CODE";
  }

  private CompletableFuture<ProviderResult> post(ChannelCommand command, String notifyUrl) {
    return http.call(
            InfobipProvider.NAME,
            "POST",
            URI.create(config.baseUrl() + "/rcs/2/messages"),
            "App " + config.apiKey(),
            body(command, notifyUrl))
        .thenApply(answer -> InfobipProvider.interpret(answer, command.getAttemptId()));
  }

  static Map<String, Object> body(ChannelCommand command, String notifyUrl) {
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("sender", command.getSender());
    message.put("destinations", List.of(InfobipProvider.destination(command)));
    message.put("content", content(command.getContent()));
    if (command.getValiditySeconds() != null) {
      message.put(
          "options",
          Map.of(
              "validityPeriod",
              Map.of("amount", command.getValiditySeconds(), "timeUnit", "SECONDS")));
    }
    if (notifyUrl != null) {
      message.put(
          "webhooks",
          Map.of(
              "delivery",
              Map.of("url", notifyUrl),
              "seen",
              Map.of("url", notifyUrl),
              "contentType",
              "application/json"));
    }
    return Map.of("messages", List.of(message));
  }

  static Map<String, Object> content(Content content) {
    Map<String, Object> rcs = new LinkedHashMap<>();
    if (content.getTemplate() != null) {
      rcs.put("type", "PROVIDER_TEMPLATE");
      rcs.put("templateId", content.getTemplate().getName());
      rcs.put(
          "parameters",
          content.getTemplate().getParameters().entrySet().stream()
              .map(p -> Map.of("name", p.getKey(), "value", p.getValue()))
              .toList());
    } else if (content.getRichCard() != null) {
      rcs.put("type", "CARD");
      rcs.put("orientation", "VERTICAL");
      rcs.put("alignment", "LEFT");
      rcs.put("content", card(content.getRichCard()));
    } else if (content.getCarousel() != null) {
      rcs.put("type", "CAROUSEL");
      rcs.put("cardWidth", "MEDIUM");
      rcs.put("contents", content.getCarousel().stream().map(InfobipRcs::card).toList());
    } else if (content.getMedia() != null) {
      rcs.put("type", "FILE");
      rcs.put("file", Map.of("url", content.getMedia()));
    } else {
      rcs.put("type", "TEXT");
      rcs.put("text", content.getText());
    }
    return rcs;
  }

  private static Map<String, Object> card(RichCard card) {
    Map<String, Object> content = new LinkedHashMap<>();
    if (card.getTitle() != null) {
      content.put("title", card.getTitle());
    }
    if (card.getDescription() != null) {
      content.put("description", card.getDescription());
    }
    if (card.getMedia() != null) {
      content.put("media", Map.of("file", Map.of("url", card.getMedia()), "height", "MEDIUM"));
    }
    if (!card.getSuggestions().isEmpty()) {
      content.put(
          "suggestions", card.getSuggestions().stream().map(InfobipRcs::reply).toList());
    }
    return content;
  }

  /** A suggested reply; Infobip requires postbackData, so the text stands in when there is none. */
  private static Map<String, Object> reply(Suggestion suggestion) {
    return Map.of(
        "type",
        "REPLY",
        "text",
        suggestion.getText(),
        "postbackData",
        suggestion.getPostbackData() == null ? suggestion.getText() : suggestion.getPostbackData());
  }
}
