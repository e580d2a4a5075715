package dev.cascade.intake.api;

import dev.cascade.intake.api.MessageRequestJson.ContentJson;
import dev.cascade.intake.api.MessageRequestJson.DeliveryWindowJson;
import dev.cascade.intake.api.MessageRequestJson.FallbackJson;
import dev.cascade.intake.api.MessageRequestJson.StepJson;
import dev.cascade.platform.http.Problem.FieldError;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/** Every rule of SPEC section 3, each broken rule reported with the JSON path of its field. */
public final class RequestValidator {

  static final Pattern MESSAGE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
  static final Pattern E164 = Pattern.compile("\\+[0-9]{8,15}");
  static final Pattern CLOCK = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]");
  static final Set<String> CHANNELS = Set.of("WHATSAPP", "RCS", "VIBER", "SMS");
  static final Set<String> TRIGGERS = Set.of("SEND_FAILED", "UNDELIVERED", "UNREAD");
  static final int MAX_STEPS = 8;
  static final int MAX_AFTER_SECONDS = 259_200;

  private final List<FieldError> errors = new ArrayList<>();

  private RequestValidator() {}

  public static List<FieldError> validate(MessageRequestJson request) {
    RequestValidator validator = new RequestValidator();
    validator.check(request);
    return List.copyOf(validator.errors);
  }

  private void check(MessageRequestJson request) {
    if (request.messageId() != null && !MESSAGE_ID.matcher(request.messageId()).matches()) {
      error("messageId", "must be 1 to 64 characters of A-Z a-z 0-9 . _ : -");
    }
    if (request.to() == null) {
      error("to", "is required");
    } else if (!E164.matcher(request.to()).matches()) {
      error("to", "must be E.164: + and 8 to 15 digits");
    }
    checkSteps(request.steps());
    if (request.deliveryWindow() != null) {
      checkWindow(request.deliveryWindow());
    }
    if (request.campaignReferenceId() != null && request.campaignReferenceId().length() > 200) {
      error("campaignReferenceId", "must be at most 200 characters");
    }
  }

  private void checkSteps(List<StepJson> steps) {
    if (steps == null || steps.isEmpty()) {
      error("steps", "must have 1 to " + MAX_STEPS + " steps");
      return;
    }
    if (steps.size() > MAX_STEPS) {
      error("steps", "must have at most " + MAX_STEPS + " steps, has " + steps.size());
    }
    Set<String> channelAndProvider = new HashSet<>();
    for (int i = 0; i < steps.size(); i++) {
      StepJson step = steps.get(i);
      String path = "steps[" + i + "]";
      if (step == null) {
        error(path, "must be an object");
        continue;
      }
      boolean last = i == steps.size() - 1;
      if (step.channel() == null || !CHANNELS.contains(step.channel())) {
        error(path + ".channel", "must be one of WHATSAPP, RCS, VIBER, SMS");
      } else if (!channelAndProvider.add(step.channel() + "/" + Objects.toString(step.provider(), ""))) {
        error(path + ".channel", step.channel() + " appears again: repeat a channel only with a different provider");
      }
      if (step.sender() == null || step.sender().isBlank()) {
        error(path + ".sender", "is required");
      }
      new ContentRules(this, path + ".content", step.channel(), i, steps).check(step.content());
      checkFallback(path, step, last);
      checkValidity(path, step);
    }
  }

  private void checkFallback(String path, StepJson step, boolean last) {
    FallbackJson fallback = step.fallback();
    if (fallback == null) {
      return;
    }
    if (last) {
      error(path + ".fallback", "the last step has no fallback: its own result is final");
      return;
    }
    if (fallback.on() != null) {
      for (int t = 0; t < fallback.on().size(); t++) {
        String trigger = fallback.on().get(t);
        if (trigger == null || !TRIGGERS.contains(trigger)) {
          error(path + ".fallback.on[" + t + "]", "must be one of SEND_FAILED, UNDELIVERED, UNREAD");
        } else if (trigger.equals("UNREAD") && "SMS".equals(step.channel())) {
          error(path + ".fallback.on[" + t + "]", "UNREAD is invalid on SMS: SMS has no read receipts");
        }
      }
      if (fallback.on().isEmpty()) {
        error(path + ".fallback.on", "must name at least one trigger (or leave it out for the default)");
      }
    }
    Integer after = fallback.afterSeconds();
    if (after != null && (after < 1 || after > MAX_AFTER_SECONDS)) {
      error(path + ".fallback.afterSeconds", "must be 1 to " + MAX_AFTER_SECONDS);
    }
    if (Boolean.TRUE.equals(fallback.revoke()) && !"RCS".equals(step.channel())) {
      error(path + ".fallback.revoke", "revoke before fallback is supported on RCS only");
    }
  }

  private void checkValidity(String path, StepJson step) {
    if (step.validitySeconds() != null && step.validityPeriod() != null) {
      error(path + ".validityPeriod", "give either validitySeconds or validityPeriod, not both");
      return;
    }
    Long seconds = null;
    String field = path + ".validitySeconds";
    if (step.validitySeconds() != null) {
      seconds = step.validitySeconds().longValue();
    } else if (step.validityPeriod() != null) {
      field = path + ".validityPeriod";
      seconds = Validity.seconds(step.validityPeriod());
      if (seconds == null) {
        error(field, "needs a positive amount and timeUnit SECONDS, MINUTES, HOURS or DAYS");
        return;
      }
    }
    if (seconds != null && (seconds < 1 || seconds > Validity.MAX_SECONDS)) {
      error(field, "must be 1 to " + Validity.MAX_SECONDS + " seconds (48 h)");
    }
  }

  private void checkWindow(DeliveryWindowJson window) {
    if (window.days() == null || window.days().isEmpty()) {
      error("deliveryWindow.days", "must list at least one day");
    } else {
      for (int d = 0; d < window.days().size(); d++) {
        try {
          DayOfWeek.valueOf(String.valueOf(window.days().get(d)));
        } catch (IllegalArgumentException e) {
          error("deliveryWindow.days[" + d + "]", "must be MONDAY to SUNDAY");
        }
      }
    }
    boolean clocksValid = true;
    for (String bound : List.of("from", "to")) {
      String value = bound.equals("from") ? window.from() : window.to();
      if (value == null || !CLOCK.matcher(value).matches()) {
        error("deliveryWindow." + bound, "must be a time HH:mm");
        clocksValid = false;
      }
    }
    if (clocksValid && window.from().equals(window.to())) {
      error("deliveryWindow.to", "must differ from 'from'");
    }
    if (window.zone() != null) {
      try {
        ZoneId.of(window.zone());
      } catch (RuntimeException e) {
        error("deliveryWindow.zone", "must be an IANA time zone such as Europe/Rome");
      }
    }
  }

  void error(String field, String detail) {
    errors.add(new FieldError(field, detail));
  }
}
