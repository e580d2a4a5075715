package dev.cascade.intake.api;

import dev.cascade.intake.api.MessageRequestJson.ContentJson;
import dev.cascade.intake.api.MessageRequestJson.RichCardJson;
import dev.cascade.intake.api.MessageRequestJson.StepJson;
import dev.cascade.platform.callbacks.CallbackEvent;
import dev.cascade.schemas.Callback;
import dev.cascade.schemas.Channel;
import dev.cascade.schemas.Content;
import dev.cascade.schemas.DeliveryWindow;
import dev.cascade.schemas.Fallback;
import dev.cascade.schemas.FallbackTrigger;
import dev.cascade.schemas.RichCard;
import dev.cascade.schemas.SendRequest;
import dev.cascade.schemas.SmsConversion;
import dev.cascade.schemas.Step;
import dev.cascade.schemas.Suggestion;
import dev.cascade.schemas.Template;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * A request body as the Avro {@link SendRequest} written to send.requests. Only for a body whose
 * shape {@link RequestShape} accepted; a missing required string maps to an empty one, which
 * the rules then report as required.
 */
public final class RequestMapper {

  private static final List<FallbackTrigger> DEFAULT_TRIGGERS =
      List.of(FallbackTrigger.SEND_FAILED, FallbackTrigger.UNDELIVERED);

  private RequestMapper() {}

  static SendRequest toAvro(MessageRequestJson json, String messageId) {
    var window = json.deliveryWindow();
    return SendRequest.newBuilder()
        .setMessageId(messageId)
        .setTo(orEmpty(json.to()))
        .setSteps(
            json.steps() == null
                ? List.of()
                : json.steps().stream().map(RequestMapper::step).toList())
        .setDeliveryWindow(
            window == null
                ? null
                : DeliveryWindow.newBuilder()
                    .setDays(window.days() == null ? List.of() : window.days())
                    .setFrom(orEmpty(window.from()))
                    .setTo(orEmpty(window.to()))
                    .setZone(window.zone() == null ? "UTC" : window.zone())
                    .build())
        .setCampaignReferenceId(json.campaignReferenceId())
        .setSimulation(Boolean.TRUE.equals(json.simulation()))
        .setSendAt(json.sendAt() == null ? null : RequestShape.instant(json.sendAt()))
        .setCallback(
            json.callback() == null
                ? null
                : Callback.newBuilder()
                    .setUrl(orEmpty(json.callback().url()))
                    .setEvents(
                        json.callback().events() == null
                            ? CallbackEvent.DEFAULT
                            : List.copyOf(json.callback().events()))
                    .build())
        .build();
  }

  private static Step step(StepJson json) {
    Integer validity = json.validitySeconds();
    if (validity == null && json.validityPeriod() != null) {
      validity = Math.toIntExact(Validity.seconds(json.validityPeriod()));
    }
    var fallback = json.fallback();
    return Step.newBuilder()
        .setChannel(Channel.valueOf(json.channel()))
        .setProvider(json.provider())
        .setSender(orEmpty(json.sender()))
        .setContent(content(json.content()))
        .setFallback(
            fallback == null
                ? null
                : Fallback.newBuilder()
                    .setOn(
                        fallback.on() == null
                            ? DEFAULT_TRIGGERS
                            : fallback.on().stream()
                                .map(FallbackTrigger::valueOf)
                                .toList())
                    .setAfterSeconds(fallback.afterSeconds())
                    .setRevoke(Boolean.TRUE.equals(fallback.revoke()))
                    .build())
        .setValiditySeconds(validity)
        .build();
  }

  private static Content content(ContentJson json) {
    var template = json.template();
    return Content.newBuilder()
        .setText(json.text())
        .setTemplate(
            template == null
                ? null
                : Template.newBuilder()
                    .setName(orEmpty(template.name()))
                    .setLanguage(orEmpty(template.language()))
                    .setParameters(
                        template.parameters() == null
                            ? new LinkedHashMap<>()
                            : new LinkedHashMap<>(template.parameters()))
                    .build())
        .setRichCard(json.richCard() == null ? null : card(json.richCard()))
        .setCarousel(
            json.carousel() == null
                ? null
                : json.carousel().stream().map(RequestMapper::card).toList())
        .setMedia(json.media())
        .setSmsConversion(
            json.smsConversion() == null ? null : SmsConversion.valueOf(json.smsConversion()))
        .build();
  }

  private static RichCard card(RichCardJson json) {
    return RichCard.newBuilder()
        .setTitle(json.title())
        .setDescription(json.description())
        .setMedia(json.media())
        .setSuggestions(
            json.suggestions() == null
                ? List.of()
                : json.suggestions().stream()
                    .map(s -> Suggestion.newBuilder()
                        .setText(orEmpty(s.text()))
                        .setPostbackData(s.postbackData())
                        .build())
                    .toList())
        .build();
  }

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }
}
