package dev.cascade.workers.infobip;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cascade.platform.sms.SmsEncoding;
import dev.cascade.schemas.Channel;
import dev.cascade.schemas.ChannelCommand;
import dev.cascade.schemas.Content;
import dev.cascade.workers.provider.ChannelProvider;
import dev.cascade.workers.provider.JsonHttp;
import dev.cascade.workers.provider.ProviderResult;
import dev.cascade.workers.provider.TransientProviderException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Infobip over HTTP for Viber ({@code POST /viber/2/messages}) and SMS ({@code POST
 * /sms/2/text/advanced}). Cascade sets each destination's {@code messageId} to the attempt id, so
 * delivery reports name it; a message REJECTED in the response, or a 4xx with a
 * {@code serviceException}, is a rejected attempt with that code.
 */
public final class InfobipProvider implements ChannelProvider {

  public static final String NAME = "infobip";

  private final JsonHttp http;
  private final String baseUrl;
  private final String apiKey;
  private final String notifyUrl;

  /** {@code notifyUrl}: where Infobip posts delivery and seen reports (dlr-ingest); null: the account's setting. */
  public InfobipProvider(JsonHttp http, String baseUrl, String apiKey, String notifyUrl) {
    this.http = http;
    this.baseUrl = baseUrl;
    this.apiKey = apiKey;
    this.notifyUrl = notifyUrl;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public ProviderResult send(ChannelCommand command) throws TransientProviderException {
    boolean sms = command.getChannel() == Channel.SMS;
    URI uri = URI.create(baseUrl + (sms ? "/sms/2/text/advanced" : "/viber/2/messages"));
    JsonHttp.Answer answer = http.call(NAME, "POST", uri, "App " + apiKey, sms ? smsBody(command, notifyUrl) : viberBody(command, notifyUrl));
    ProviderResult result = interpret(answer, command.getAttemptId());
    if (sms) {
      SmsEncoding.SmsInfo info = SmsEncoding.analyze(command.getContent().getText());
      result = result.withSms(info.encoding().name(), info.parts());
    }
    return result;
  }

  private static ProviderResult interpret(JsonHttp.Answer answer, String attemptId) {
    if (!answer.ok()) {
      JsonNode exception = answer.body().path("requestError").path("serviceException");
      return ProviderResult.rejected(exception.path("messageId").asText("HTTP_" + answer.status()),
          exception.path("text").asText("HTTP " + answer.status()));
    }
    JsonNode message = answer.body().path("messages").path(0);
    JsonNode status = message.path("status");
    if ("REJECTED".equals(status.path("groupName").asText())) {
      return ProviderResult.rejected(status.path("name").asText(), status.path("description").asText());
    }
    return ProviderResult.accepted(List.of(message.path("messageId").asText(attemptId)));
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
      viberContent.put("text", content.getText() != null ? content.getText()
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
      message.put("webhooks", Map.of("delivery", Map.of("url", notifyUrl), "seen", Map.of("url", notifyUrl)));
    }
    return Map.of("messages", List.of(message));
  }

  private static Map<String, Object> destination(ChannelCommand command) {
    return Map.of("to", command.getTo().substring(1), "messageId", command.getAttemptId());
  }
}
