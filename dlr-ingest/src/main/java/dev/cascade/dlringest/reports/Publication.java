package dev.cascade.dlringest.reports;

/** What {@link DlrPublisher} did with one payload. */
public sealed interface Publication {

  /** Every report is on dlr.raw, acknowledged by Kafka. */
  record Accepted(int reports) implements Publication {}

  /** Not the provider's shape: the payload went to dlr.raw.dlq; {@code reason} says why. */
  record Malformed(String reason) implements Publication {}

  /** Kafka did not acknowledge every report in time: the provider should send it again. */
  record Unavailable() implements Publication {}
}
