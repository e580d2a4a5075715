package dev.cascade.platform.kafka;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Receipt times of the records a report source is handing to its producer, and the watermark
 * they allow: the time before which everything received has been handed over — now, or the
 * receipt time of the oldest record still on its way. What a {@link WatermarkBeacon} of a report
 * source (dlr-ingest, the benchmark's fast provider) writes.
 */
public final class InFlightReceipts {

  private final Clock clock;
  private final Map<Receipt, Instant> inFlight = new ConcurrentHashMap<>();

  public InFlightReceipts(Clock clock) {
    this.clock = clock;
  }

  /** A record received at {@code receivedAt} is on its way until the receipt is closed. */
  public Receipt open(Instant receivedAt) {
    Receipt receipt = new Receipt();
    inFlight.put(receipt, receivedAt);
    return receipt;
  }

  /** Now, or the receipt time of the oldest record not yet handed to the producer. */
  public Instant watermark() {
    Instant now = clock.instant();
    return inFlight.values().stream()
        .min(Instant::compareTo)
        .filter(oldest -> oldest.isBefore(now))
        .orElse(now);
  }

  /** Closing says the record has been handed to the producer (or given up on). */
  public final class Receipt implements AutoCloseable {
    private Receipt() {}

    @Override
    public void close() {
      inFlight.remove(this);
    }
  }
}
