package dev.cascade.fallback.orchestration;

import dev.cascade.platform.content.SmsText;
import dev.cascade.schemas.Channel;
import dev.cascade.schemas.DeliveryWindow;
import dev.cascade.schemas.FallbackTrigger;
import dev.cascade.schemas.SendRequest;
import dev.cascade.schemas.Step;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The rules a request must meet before its state machine starts. send-intake checks the same
 * rules on JSON; producers writing Avro to send.requests directly meet this check instead, and a
 * request that fails it goes to send.requests.dlq rather than stopping the application.
 */
final class RequestCheck {

  private static final Pattern E164 = Pattern.compile("\\+[0-9]{8,15}");
  private static final Pattern MESSAGE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

  private RequestCheck() {}

  static List<String> problems(SendRequest request) {
    List<String> problems = new ArrayList<>();
    if (!MESSAGE_ID.matcher(request.getMessageId()).matches()) {
      problems.add("messageId: must be 1 to 64 characters of A-Z a-z 0-9 . _ : -");
    }
    if (!E164.matcher(request.getTo()).matches()) {
      problems.add("to: must be E.164");
    }
    List<Step> steps = request.getSteps();
    if (steps.isEmpty() || steps.size() > 8) {
      problems.add("steps: must have 1 to 8 steps");
      return problems;
    }
    for (int i = 0; i < steps.size(); i++) {
      checkStep(steps, i, problems);
    }
    if (request.getDeliveryWindow() != null) {
      checkWindow(request.getDeliveryWindow(), problems);
    }
    return problems;
  }

  private static void checkStep(List<Step> steps, int i, List<String> problems) {
    Step step = steps.get(i);
    String path = "steps[" + i + "]";
    boolean last = i == steps.size() - 1;
    if (step.getFallback() != null) {
      if (last) {
        problems.add(path + ".fallback: the last step has no fallback");
      }
      Integer after = step.getFallback().getAfterSeconds();
      if (after != null && (after < 1 || after > 259_200)) {
        problems.add(path + ".fallback.afterSeconds: must be 1 to 259200");
      }
      if (step.getChannel() == Channel.SMS && step.getFallback().getOn().contains(FallbackTrigger.UNREAD)) {
        problems.add(path + ".fallback.on: UNREAD is invalid on SMS");
      }
    }
    Integer validity = step.getValiditySeconds();
    if (validity != null && (validity < 1 || validity > 172_800)) {
      problems.add(path + ".validitySeconds: must be 1 to 172800");
    }
    if (step.getChannel() == Channel.SMS) {
      try {
        String text = SmsText.of(steps, i, 1);
        if (text == null || text.isBlank()) {
          problems.add(path + ".content: an SMS step needs text or smsConversion AUTO");
        }
      } catch (IllegalArgumentException e) {
        problems.add(path + ".content: " + e.getMessage());
      }
    }
  }

  private static void checkWindow(DeliveryWindow window, List<String> problems) {
    try {
      ZoneId.of(window.getZone());
      LocalTime.parse(window.getFrom());
      LocalTime.parse(window.getTo());
      window.getDays().forEach(DayOfWeek::valueOf);
    } catch (RuntimeException e) {
      problems.add("deliveryWindow: " + e.getMessage());
    }
  }
}
