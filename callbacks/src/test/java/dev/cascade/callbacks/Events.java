package dev.cascade.callbacks;

import dev.cascade.schemas.AttemptRecord;
import dev.cascade.schemas.Callback;
import dev.cascade.schemas.Channel;
import dev.cascade.schemas.Content;
import dev.cascade.schemas.DeliveryStatus;
import dev.cascade.schemas.FinalStatus;
import dev.cascade.schemas.MessageOutcome;
import dev.cascade.schemas.MessageStatus;
import dev.cascade.schemas.SendRequest;
import dev.cascade.schemas.Step;
import java.time.Instant;
import java.util.List;

/** The records fallback-timer and send-intake write, as the callbacks service reads them. */
final class Events {

  private Events() {}

  static SendRequest request(String messageId, String url, List<String> events, String apiKeyId) {
    return SendRequest.newBuilder()
        .setMessageId(messageId)
        .setTo("+393401234567")
        .setSteps(List.of(Step.newBuilder()
            .setChannel(Channel.SMS)
            .setSender("BancaAdri")
            .setContent(Content.newBuilder().setText("Your code is 1234").build())
            .build()))
        .setCampaignReferenceId("callbacks-it")
        .setCallback(
            url == null
                ? null
                : Callback.newBuilder().setUrl(url).setEvents(events).build())
        .setReceivedAt(Instant.parse("2026-11-23T10:00:00Z"))
        .setApiKeyId(apiKeyId)
        .build();
  }

  static MessageStatus status(String messageId, String status, boolean terminal) {
    return MessageStatus.newBuilder()
        .setMessageId(messageId)
        .setStatus(status)
        .setStep(0)
        .setChannel(Channel.SMS)
        .setTerminal(terminal)
        .setAttempts(status.equals("ACCEPTED") ? List.of() : List.of(attempt(terminal)))
        .setUpdatedAt(Instant.now())
        .build();
  }

  static MessageOutcome outcome(String messageId) {
    return MessageOutcome.newBuilder()
        .setMessageId(messageId)
        .setStatus(FinalStatus.DELIVERED)
        .setChannel(Channel.SMS)
        .setAttempts(List.of(attempt(true)))
        .setFallbackCount(0)
        .setCampaignReferenceId("callbacks-it")
        .setAcceptedAt(Instant.parse("2026-11-23T10:00:00Z"))
        .setEndedAt(Instant.parse("2026-11-23T10:00:03Z"))
        .setTimeToFinalMillis(3000)
        .build();
  }

  private static AttemptRecord attempt(boolean delivered) {
    return AttemptRecord.newBuilder()
        .setStep(0)
        .setAttemptId("attempt-0")
        .setChannel(Channel.SMS)
        .setProvider("smpp")
        .setDeliveryStatus(delivered ? DeliveryStatus.DELIVERED : DeliveryStatus.SENT)
        .setSendDate(Instant.parse("2026-11-23T10:00:01Z"))
        .setDeliveryDate(delivered ? Instant.parse("2026-11-23T10:00:03Z") : null)
        .setBilled(true)
        .build();
  }
}
