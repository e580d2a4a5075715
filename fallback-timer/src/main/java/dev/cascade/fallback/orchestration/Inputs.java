package dev.cascade.fallback.orchestration;

import dev.cascade.platform.requests.RequestFingerprint;
import dev.cascade.schemas.CallbackDelivery;
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

  /**
   * A callback the callbacks service delivered or gave up on, as a timeline event. Only the URL's
   * scheme, host and port are shown: its path or query may carry the receiver's own token.
   */
  public static Input callback(CallbackDelivery d) {
    Event.Type type = d.getDelivered() ? Event.Type.CALLBACK_DELIVERED : Event.Type.CALLBACK_FAILED;
    String tries = d.getTries() + (d.getTries() == 1 ? " try" : " tries");
    String detail = d.getDelivered()
        ? "to " + origin(d.getUrl()) + " after " + tries
        : "to " + origin(d.getUrl()) + ": given up after " + tries + " (callbacks.dlq)";
    return new Input.CallbackDelivered(Event.of(d.getAt(), type)
        .status(d.getEvent())
        .code(d.getHttpStatus() == null ? null : String.valueOf(d.getHttpStatus()))
        .detail(detail + ", delivery " + d.getDeliveryId()));
  }

  private static String origin(String url) {
    try {
      java.net.URI uri = java.net.URI.create(url);
      // host and port only: user information in the authority could be a credential
      return uri.getScheme() + "://" + uri.getHost()
          + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    } catch (IllegalArgumentException e) {
      return "an unparseable URL";
    }
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
