package dev.cascade.intake.api;

import dev.cascade.intake.api.MessageRequestJson.ContentJson;
import dev.cascade.intake.api.MessageRequestJson.FallbackJson;
import dev.cascade.intake.api.MessageRequestJson.RichCardJson;
import dev.cascade.intake.api.MessageRequestJson.StepJson;
import dev.cascade.intake.api.MessageRequestJson.ValidityPeriodJson;
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
    shape.policyForm(request);
    if (request.deliveryWindow() != null
        && request.deliveryWindow().days() != null
        && request.deliveryWindow().days().contains(null)) {
      shape.error("deliveryWindow.days", "must list day names");
    }
    if (request.sendAt() != null && instant(request.sendAt()) == null) {
      shape.error(
          "sendAt", "must be a date and time with an offset, e.g. 2026-12-01T09:00:00+01:00");
    }
    return List.copyOf(shape.errors);
  }

  /** The shape faults of a policy body; when empty, it maps to the policy's steps. */
  static List<FieldError> faults(PolicyJson policy) {
    RequestShape shape = new RequestShape();
    if (policy.steps() == null) {
      shape.error("steps", "is required: the chain of channels, without content");
      return List.copyOf(shape.errors);
    }
    for (int i = 0; i < policy.steps().size(); i++) {
      String path = "steps[" + i + "]";
      PolicyJson.PolicyStepJson step = policy.steps().get(i);
      if (step == null) {
        shape.error(path, "must be an object");
        continue;
      }
      shape.channel(path, step.channel());
      if (step.providers() != null && step.providers().contains(null)) {
        shape.error(path + ".providers", "must list provider names");
      }
      if (step.content() != null) {
        shape.error(
            path + ".content",
            "a policy holds no content: each request gives it per channel in \"content\"");
      }
      shape.fallbackAndValidity(
          path, step.fallback(), step.validitySeconds(), step.validityPeriod());
    }
    return List.copyOf(shape.errors);
  }

  /**
   * A request naming a policy gives {@code content} per channel instead of {@code steps}; the
   * content map's keys are channel names, each with one step's content.
   */
  private void policyForm(MessageRequestJson request) {
    if (request.policy() == null) {
      if (request.content() != null) {
        error("content", "goes with a named policy; without one, give content in each step");
      }
      return;
    }
    if (request.steps() != null) {
      error("steps", "give either steps or a named policy, not both");
    }
    if (request.content() == null) {
      error("content", "is required with a policy: the content for each of its channels");
      return;
    }
    request.content().forEach((channel, content) -> {
      if (!names(Channel.values()).contains(channel)) {
        error(
            "content." + channel,
            "is not a channel: content is keyed by channel, one of "
                + String.join(", ", names(Channel.values())));
      } else {
        content("content." + channel, content);
      }
    });
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
    channel(path, step.channel());
    content(path + ".content", step.content());
    fallbackAndValidity(path, step.fallback(), step.validitySeconds(), step.validityPeriod());
  }

  private void channel(String path, String channel) {
    if (channel == null || !names(Channel.values()).contains(channel)) {
      error(path + ".channel", "must be one of " + String.join(", ", names(Channel.values())));
    }
  }

  /** What a step of a request and of a policy have in common besides the channel. */
  private void fallbackAndValidity(
      String path,
      FallbackJson fallback,
      Integer validitySeconds,
      ValidityPeriodJson validityPeriod) {
    fallback(path + ".fallback", fallback);
    if (validitySeconds != null && validityPeriod != null) {
      error(path + ".validityPeriod", "give either validitySeconds or validityPeriod, not both");
    } else if (validityPeriod != null && Validity.seconds(validityPeriod) == null) {
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
