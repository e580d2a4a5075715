package dev.cascade.intake.api;

import dev.cascade.intake.api.MessageRequestJson.ContentJson;
import dev.cascade.intake.api.MessageRequestJson.FallbackJson;
import dev.cascade.intake.api.MessageRequestJson.RichCardJson;
import dev.cascade.intake.api.MessageRequestJson.StepJson;
import dev.cascade.platform.callbacks.CallbackEvent;
import dev.cascade.platform.http.Problem.FieldError;
import dev.cascade.schemas.Channel;
import dev.cascade.schemas.FallbackTrigger;
import dev.cascade.schemas.SmsConversion;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What JSON can say that the Avro request cannot hold: unknown channel or trigger names, a
 * malformed validity period, missing objects. Everything else is a rule of
 * {@code SendRequestRules}, checked on the mapped request.
 */
final class RequestShape {

  private final List<FieldError> errors = new ArrayList<>();

  private RequestShape() {}

  /** The shape faults; when empty, the body maps to a {@code SendRequest}. */
  static List<FieldError> faults(MessageRequestJson request) {
    RequestShape shape = new RequestShape();
    if (request.steps() != null) {
      for (int i = 0; i < request.steps().size(); i++) {
        shape.step("steps[" + i + "]", request.steps().get(i));
      }
    }
    if (request.deliveryWindow() != null
        && request.deliveryWindow().days() != null
        && request.deliveryWindow().days().contains(null)) {
      shape.error("deliveryWindow.days", "must list day names");
    }
    if (request.sendAt() != null && instant(request.sendAt()) == null) {
      shape.error(
          "sendAt", "must be a date and time with an offset, e.g. 2026-12-01T09:00:00+01:00");
    }
    if (request.callback() != null && request.callback().events() != null) {
      List<String> events = request.callback().events();
      for (int e = 0; e < events.size(); e++) {
        if (events.get(e) == null || !CallbackEvent.names().contains(events.get(e))) {
          shape.error(
              "callback.events[" + e + "]",
              "must be one of " + String.join(", ", CallbackEvent.names()));
        }
      }
    }
    return List.copyOf(shape.errors);
  }

  /** An ISO-8601 date-time with offset as an instant; null when it is not one. */
  static Instant instant(String value) {
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private void step(String path, StepJson step) {
    if (step == null) {
      error(path, "must be an object");
      return;
    }
    if (step.channel() == null || !names(Channel.values()).contains(step.channel())) {
      error(path + ".channel", "must be one of " + String.join(", ", names(Channel.values())));
    }
    content(path + ".content", step.content());
    fallback(path + ".fallback", step.fallback());
    if (step.validitySeconds() != null && step.validityPeriod() != null) {
      error(path + ".validityPeriod", "give either validitySeconds or validityPeriod, not both");
    } else if (step.validityPeriod() != null && Validity.seconds(step.validityPeriod()) == null) {
      error(
          path + ".validityPeriod",
          "needs a positive amount and timeUnit SECONDS, MINUTES, HOURS or DAYS");
    }
  }

  private void content(String path, ContentJson content) {
    if (content == null) {
      error(path, "is required");
      return;
    }
    if (content.smsConversion() != null
        && !names(SmsConversion.values()).contains(content.smsConversion())) {
      error(path + ".smsConversion", "must be AUTO (or give a custom text instead)");
    }
    if (content.richCard() != null) {
      card(path + ".richCard", content.richCard());
    }
    if (content.carousel() != null) {
      for (int c = 0; c < content.carousel().size(); c++) {
        card(path + ".carousel[" + c + "]", content.carousel().get(c));
      }
    }
  }

  private void card(String path, RichCardJson card) {
    if (card == null) {
      error(path, "needs a title, a description or media");
      return;
    }
    if (card.suggestions() != null) {
      for (int s = 0; s < card.suggestions().size(); s++) {
        if (card.suggestions().get(s) == null) {
          error(path + ".suggestions[" + s + "].text", "is required");
        }
      }
    }
  }

  private void fallback(String path, FallbackJson fallback) {
    if (fallback == null || fallback.on() == null) {
      return;
    }
    for (int t = 0; t < fallback.on().size(); t++) {
      String trigger = fallback.on().get(t);
      if (trigger == null || !names(FallbackTrigger.values()).contains(trigger)) {
        error(
            path + ".on[" + t + "]",
            "must be one of " + String.join(", ", names(FallbackTrigger.values())));
      }
    }
  }

  private static List<String> names(Enum<?>[] values) {
    return Arrays.stream(values).map(Enum::name).toList();
  }

  private void error(String field, String detail) {
    errors.add(new FieldError(field, detail));
  }
}
