package dev.cascade.fallback.orchestration;

import dev.cascade.schemas.AttemptResult;
import dev.cascade.schemas.CommandType;
import dev.cascade.schemas.ReportStatus;
import dev.cascade.schemas.SendRequest;
import java.time.Instant;
import java.util.List;

/** What can happen to a message; the state machine's only inputs. */
public sealed interface Input {

  /** A send request arrived on send.requests. */
  record Received(SendRequest request, String fingerprint) implements Input {}

  /** Someone asked to cancel the message (DELETE /v1/messages/{id}). */
  record Cancel(Instant requestedAt) implements Input {}

  /** A channel worker reports what the provider answered to a command. */
  record AttemptOutcome(
      String attemptId,
      int step,
      CommandType commandType,
      AttemptResult result,
      String provider,
      List<String> providerMessageIds,
      String providerCode,
      String reason,
      String encoding,
      Integer parts,
      Instant at)
      implements Input {}

  /** A provider's delivery report, correlated to its attempt. */
  record Report(
      String attemptId,
      int step,
      String providerMessageId,
      ReportStatus status,
      String providerStatus,
      String providerCode,
      Instant occurredAt)
      implements Input {}

  /**
   * The callbacks service delivered an outcome or status callback, or gave up on one: nothing
   * changes but the message's timeline, so the input carries its timeline event.
   */
  record CallbackDelivered(Event event) implements Input {}

  /** The message's pending timer is due. */
  record TimerFired(Instant dueAt) implements Input {}
}
