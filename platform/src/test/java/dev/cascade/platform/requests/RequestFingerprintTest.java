package dev.cascade.platform.requests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cascade.schemas.Callback;
import dev.cascade.schemas.Channel;
import dev.cascade.schemas.Content;
import dev.cascade.schemas.DeliveryWindow;
import dev.cascade.schemas.Fallback;
import dev.cascade.schemas.FallbackTrigger;
import dev.cascade.schemas.SendRequest;
import dev.cascade.schemas.Step;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestFingerprintTest {

  @Test
  void setsCompareAsSetsTriggersAndDaysInAnyOrder() {
    // issue 12 item 9: the order of `on` and `days` made an equal request a false 409
    SendRequest first = request(
        List.of(FallbackTrigger.SEND_FAILED, FallbackTrigger.UNDELIVERED),
        List.of("MONDAY", "FRIDAY"),
        "Your code is 1234");
    SendRequest reordered = request(
        List.of(FallbackTrigger.UNDELIVERED, FallbackTrigger.SEND_FAILED),
        List.of("FRIDAY", "MONDAY"),
        "Your code is 1234");

    assertThat(RequestFingerprint.of(reordered)).isEqualTo(RequestFingerprint.of(first));
    // and the request itself is left as it was written
    assertThat(reordered.getDeliveryWindow().getDays()).containsExactly("FRIDAY", "MONDAY");
  }

  @Test
  void whatIntakeAddsDoesNotCountButTheContentDoes() {
    SendRequest request =
        request(List.of(FallbackTrigger.SEND_FAILED), List.of("MONDAY"), "Your code is 1234");
    SendRequest stamped = SendRequest.newBuilder(request)
        .setReceivedAt(Instant.now())
        .setApiKeyId("dev")
        .build();
    SendRequest otherText =
        request(List.of(FallbackTrigger.SEND_FAILED), List.of("MONDAY"), "Your code is 9999");

    assertThat(RequestFingerprint.of(stamped)).isEqualTo(RequestFingerprint.of(request));
    assertThat(RequestFingerprint.of(otherText)).isNotEqualTo(RequestFingerprint.of(request));
  }

  @Test
  void aCallbacksEventsCompareAsASetItsUrlAsWritten() {
    SendRequest request =
        request(List.of(FallbackTrigger.SEND_FAILED), List.of("MONDAY"), "Your code is 1234");
    SendRequest statusFirst = SendRequest.newBuilder(request)
        .setCallback(Callback.newBuilder()
            .setUrl("https://hooks.example.com/a")
            .setEvents(List.of("STATUS", "OUTCOME"))
            .build())
        .build();
    SendRequest outcomeFirst = SendRequest.newBuilder(statusFirst)
        .setCallback(Callback.newBuilder()
            .setUrl("https://hooks.example.com/a")
            .setEvents(List.of("OUTCOME", "STATUS"))
            .build())
        .build();
    SendRequest otherUrl = SendRequest.newBuilder(statusFirst)
        .setCallback(Callback.newBuilder()
            .setUrl("https://hooks.example.com/b")
            .setEvents(List.of("STATUS", "OUTCOME"))
            .build())
        .build();

    assertThat(RequestFingerprint.of(outcomeFirst)).isEqualTo(RequestFingerprint.of(statusFirst));
    assertThat(RequestFingerprint.of(otherUrl)).isNotEqualTo(RequestFingerprint.of(statusFirst));
    assertThat(RequestFingerprint.of(statusFirst)).isNotEqualTo(RequestFingerprint.of(request));
    assertThat(statusFirst.getCallback().getEvents()).containsExactly("STATUS", "OUTCOME");
  }

  private static SendRequest request(List<FallbackTrigger> on, List<String> days, String text) {
    Step whatsapp = Step.newBuilder()
        .setChannel(Channel.WHATSAPP)
        .setSender("1065")
        .setContent(Content.newBuilder().setText(text).build())
        .setFallback(Fallback.newBuilder().setOn(on).build())
        .build();
    Step sms = Step.newBuilder()
        .setChannel(Channel.SMS)
        .setSender("Bank")
        .setContent(Content.newBuilder().setText(text).build())
        .build();
    return SendRequest.newBuilder()
        .setMessageId("m-1")
        .setTo("+393401234567")
        .setSteps(List.of(whatsapp, sms))
        .setDeliveryWindow(DeliveryWindow.newBuilder()
            .setDays(days)
            .setFrom("08:00")
            .setTo("20:00")
            .build())
        .build();
  }
}
