package dev.cascade.intake.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** send-intake's meters. */
public final class IntakeMetrics {

  private final MeterRegistry registry;

  public IntakeMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** One answered send request, by result: accepted, duplicate, conflict, invalid, unavailable or an HTTP status. */
  public void request(String result) {
    Counter.builder("cascade.intake.requests")
        .description("Send requests answered by send-intake")
        .tag("result", result)
        .register(registry)
        .increment();
  }
}
