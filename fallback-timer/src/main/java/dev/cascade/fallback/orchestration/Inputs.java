package dev.cascade.fallback.orchestration;

import dev.cascade.platform.requests.RequestFingerprint;
import dev.cascade.schemas.CancelRequest;
import dev.cascade.schemas.ChannelAttempt;
import dev.cascade.schemas.DeliveryReport;
import dev.cascade.schemas.SendRequest;

/** Turns the Avro records read from topics into state machine inputs. */
public final class Inputs {

  private Inputs() {}

  public static Input received(SendRequest request) {
    return new Input.Received(request, RequestFingerprint.of(request));
  }

  public static Input attempt(ChannelAttempt a) {
    return new Input.AttemptOutcome(
        a.getAttemptId(),
        a.getStep(),
        a.getCommandType(),
        a.getOutcome(),
        a.getProvider(),
        a.getProvidersTried(),
        a.getProviderMessageIds(),
        a.getProviderCode(),
        a.getReason(),
        a.getEncoding(),
        a.getParts(),
        a.getAttemptedAt());
  }

  public static Input cancel(CancelRequest cancel) {
    return new Input.Cancel(cancel.getRequestedAt());
  }

  public static Input report(DeliveryReport r) {
    return new Input.Report(
        r.getAttemptId(),
        r.getStep(),
        r.getProviderMessageId(),
        r.getStatus(),
        r.getProviderStatus(),
        r.getProviderCode(),
        r.getOccurredAt());
  }
}
