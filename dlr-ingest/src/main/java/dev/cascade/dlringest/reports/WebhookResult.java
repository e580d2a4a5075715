package dev.cascade.dlringest.reports;

import java.util.Locale;

/** What became of one webhook call or SMPP receipt: the {@code result} tag of {@code cascade_webhooks_total}. */
enum WebhookResult {
  /** Every report in it is on dlr.raw. */
  ACCEPTED,
  /** It has no report shape: sent to dlr.raw.dlq. */
  MALFORMED,
  /** Missing or wrong signature, or a refused ownership check: nothing written. */
  UNAUTHORIZED,
  /** Kafka did not acknowledge in time: the provider retries. */
  UNAVAILABLE;

  String tag() {
    return name().toLowerCase(Locale.ROOT);
  }
}
