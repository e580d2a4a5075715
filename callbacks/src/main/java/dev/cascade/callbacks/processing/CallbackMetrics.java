package dev.cascade.callbacks.processing;

import dev.cascade.platform.metrics.DlqMeter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code cascade_callbacks_total{result}}, every result registered at zero, and {@code
 * cascade_dlq_total{topic="callbacks.dlq"}} for the callbacks given up or refused.
 */
public final class CallbackMetrics {

  /** What became of one call (or of a callback, for the last two). */
  public enum Result {
    /** The receiver answered 2xx. */
    DELIVERED,
    /** The call failed and will be made again. */
    RETRIED,
    /** The retry period is over: written to callbacks.dlq. */
    GAVE_UP,
    /** Not allowed to be called (URL, address or missing secret): written to callbacks.dlq. */
    REFUSED
  }

  private final Map<Result, Counter> counters = new EnumMap<>(Result.class);
  private final DlqMeter dlq;
  private final String dlqTopic;

  public CallbackMetrics(MeterRegistry registry, String dlqTopic) {
    this.dlq = new DlqMeter(registry);
    this.dlqTopic = dlqTopic;
    dlq.expect(dlqTopic);
    for (Result result : Result.values()) {
      counters.put(
          result,
          Counter.builder("cascade.callbacks")
              .description("Outcome callback calls by result")
              .tag("result", result.name().toLowerCase(Locale.ROOT))
              .register(registry));
    }
  }

  void count(Result result) {
    counters.get(result).increment();
    if (result == Result.GAVE_UP || result == Result.REFUSED) {
      dlq.sent(dlqTopic);
    }
  }
}
