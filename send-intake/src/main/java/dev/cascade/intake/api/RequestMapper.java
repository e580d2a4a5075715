package dev.cascade.intake.api;

import dev.cascade.intake.api.MessageRequestJson.ContentJson;
import dev.cascade.intake.api.MessageRequestJson.FallbackJson;
import dev.cascade.intake.api.MessageRequestJson.RichCardJson;
import dev.cascade.intake.api.MessageRequestJson.StepJson;
import dev.cascade.intake.api.MessageRequestJson.ValidityPeriodJson;
import dev.cascade.intake.api.PolicyJson.PolicyStepJson;
import dev.cascade.schemas.Channel;
import dev.cascade.schemas.Content;
import dev.cascade.schemas.DeliveryWindow;
import dev.cascade.schemas.Fallback;
import dev.cascade.schemas.FallbackTrigger;
import dev.cascade.schemas.PolicyStep;
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
        .build();
  }

  private static Step step(StepJson json) {
    return Step.newBuilder()
        .setChannel(Channel.valueOf(json.channel()))
        .setProvider(json.provider())
        .setSender(orEmpty(json.sender()))
        .setContent(content(json.content()))
        .setFallback(fallback(json.fallback()))
        .setValiditySeconds(validity(json.validitySeconds(), json.validityPeriod()))
        .build();
  }

  /** A policy body's step (SPEC section 10): a step without content. */
  static PolicyStep policyStep(PolicyStepJson json) {
    return PolicyStep.newBuilder()
        .setChannel(Channel.valueOf(json.channel()))
        .setProvider(json.provider())
        .setProviders(json.providers() == null ? null : List.copyOf(json.providers()))
        .setSender(orEmpty(json.sender()))
        .setFallback(fallback(json.fallback()))
        .setValiditySeconds(validity(json.validitySeconds(), json.validityPeriod()))
        .build();
  }

  private static Integer validity(Integer seconds, ValidityPeriodJson period) {
    if (seconds == null && period != null) {
      return Math.toIntExact(Validity.seconds(period));
    }
    return seconds;
  }

  private static Fallback fallback(FallbackJson fallback) {
    return fallback == null
        ? null
        : Fallback.newBuilder()
            .setOn(
                fallback.on() == null
                    ? DEFAULT_TRIGGERS
                    : fallback.on().stream().map(FallbackTrigger::valueOf).toList())
            .setAfterSeconds(fallback.afterSeconds())
            .setRevoke(Boolean.TRUE.equals(fallback.revoke()))
            .build();
  }

  static Content content(ContentJson json) {
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
