package dev.cascade.workers.infobip;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cascade.platform.channels.ContentKind;
import dev.cascade.platform.sms.SmsEncoding;
import dev.cascade.schemas.Channel;
import dev.cascade.schemas.ChannelCommand;
import dev.cascade.schemas.Content;
import dev.cascade.workers.provider.ChannelProvider;
import dev.cascade.workers.provider.JsonHttp;
import dev.cascade.workers.provider.ProviderResult;
import dev.cascade.workers.provider.UnsupportedContentException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * Infobip over HTTP for Viber ({@code POST /viber/2/messages}), SMS ({@code POST
 * /sms/2/text/advanced}) and RCS ({@code POST /rcs/2/messages}, see {@link InfobipRcs}). Cascade
 * sets each destination's {@code messageId} to the attempt id, so delivery reports name it; a
 * message REJECTED in the response, or a 4xx with a {@code serviceException} (or, in Infobip's
 * newer error shape, an {@code errorCode}), is a rejected attempt with that code.
 */
final class InfobipProvider implements ChannelProvider {

  static final String NAME = "infobip";
  private static final Set<ContentKind> VIBER_CONTENT =
      Set.of(ContentKind.TEXT, ContentKind.TEMPLATE, ContentKind.MEDIA);
  private static final Set<ContentKind> SMS_CONTENT = Set.of(ContentKind.TEXT);

  private final JsonHttp http;
  private final InfobipConfig config;
  private final InfobipRcs rcs;

  InfobipProvider(JsonHttp http, InfobipConfig config, InfobipRcs rcs) {
    this.http = http;
    this.config = config;
    this.rcs = rcs;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Set<Channel> channels() {
    return Set.of(Channel.VIBER, Channel.SMS, Channel.RCS);
  }

  @Override
  public CompletionStage<ProviderResult> send(ChannelCommand command) {
    String notifyUrl = config.notifyUrl() == null ? null : config.notifyUrl().toString();
    if (command.getChannel() == Channel.RCS) {
      return rcs.send(command, notifyUrl);
    }
    boolean sms = command.getChannel() == Channel.SMS;
    UnsupportedContentException.requireOneOf(command, NAME, sms ? SMS_CONTENT : VIBER_CONTENT);
    URI uri = URI.create(config.baseUrl() + (sms ? "/sms/2/text/advanced" : "/viber/2/messages"));
    return http.call(
            NAME,
            "POST",
            uri,
            "App " + config.apiKey(),
            sms ? smsBody(command, notifyUrl) : viberBody(command, notifyUrl))
        .thenApply(answer -> {
          ProviderResult result = interpret(answer, command.getAttemptId());
          if (!sms) {
            return result;
          }
          SmsEncoding.SmsInfo info = SmsEncoding.analyze(command.getContent().getText());
          return result.withSms(info.encoding().name(), info.parts());
        });
  }

  /** A send answer: the message's status, or the error of a 4xx. */
  static ProviderResult interpret(JsonHttp.Answer answer, String attemptId) {
    if (!answer.ok()) {
      return rejected(answer);
    }
    JsonNode message = answer.body().path("messages").path(0);
    JsonNode status = message.path("status");
    if ("REJECTED".equals(status.path("groupName").asText())) {
      return ProviderResult.rejected(
          status.path("name").asText(), status.path("description").asText());
    }
    return ProviderResult.accepted(List.of(message.path("messageId").asText(attemptId)));
  }

  /**
   * A 4xx: {@code requestError.serviceException} {messageId, text}, or Infobip's newer error
   * object {errorCode, description}; else the HTTP status.
   */
  static ProviderResult rejected(JsonHttp.Answer answer) {
    JsonNode exception = answer.body().path("requestError").path("serviceException");
    if (exception.hasNonNull("messageId")) {
      return ProviderResult.rejected(
          exception.get("messageId").asText(),
          exception.path("text").asText("HTTP " + answer.status()));
    }
    JsonNode error = answer.body();
    return ProviderResult.rejected(
        error.path("errorCode").asText("HTTP_" + answer.status()),
        error.path("description").asText("HTTP " + answer.status()));
  }

  static Map<String, Object> smsBody(ChannelCommand command, String notifyUrl) {
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("from", command.getSender());
    message.put("destinations", List.of(destination(command)));
    message.put("text", command.getContent().getText());
    if (command.getValiditySeconds() != null) {
      // Infobip's SMS validityPeriod is in minutes (at most 2880 = 48 h)
      message.put("validityPeriod", Math.max(1, (command.getValiditySeconds() + 59) / 60));
    }
    if (notifyUrl != null) {
      message.put("notifyUrl", notifyUrl);
      message.put("notifyContentType", "application/json");
    }
    return Map.of("messages", List.of(message));
  }

  static Map<String, Object> viberBody(ChannelCommand command, String notifyUrl) {
    Content content = command.getContent();
    Map<String, Object> viberContent = new LinkedHashMap<>();
    if (content.getMedia() != null) {
      viberContent.put("type", "IMAGE");
      viberContent.put("url", content.getMedia());
    } else {
      viberContent.put("type", "TEXT");
      viberContent.put(
          "text",
          content.getText() != null
              ? content.getText()
              : String.join(" ", content.getTemplate().getParameters().values()));
    }
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("sender", command.getSender());
    message.put("destinations", List.of(destination(command)));
    message.put("content", viberContent);
    if (command.getValiditySeconds() != null) {
      message.put("validityPeriod", command.getValiditySeconds());
      message.put("validityPeriodTimeUnit", "SECONDS");
    }
    if (notifyUrl != null) {
      message.put(
          "webhooks",
          Map.of("delivery", Map.of("url", notifyUrl), "seen", Map.of("url", notifyUrl)));
    }
    return Map.of("messages", List.of(message));
  }

  /** One destination: the number without its {@code +}, and the attempt id as messageId. */
  static Map<String, Object> destination(ChannelCommand command) {
    return Map.of("to", command.getTo().substring(1), "messageId", command.getAttemptId());
  }
}
