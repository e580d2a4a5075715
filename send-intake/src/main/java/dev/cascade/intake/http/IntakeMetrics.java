package dev.cascade.intake.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;

/**
 * send-intake's meters. {@code cascade_intake_requests_total{result}} starts at zero for every
 * result the routes give, so a dashboard shows 0 rather than "no data".
 */
public final class IntakeMetrics {

  /** Every result {@link MessagesRoutes} counts: named outcomes and the statuses it refuses with. */
  static final List<String> RESULTS = List.of(
      "accepted",
      "cancelled",
      "duplicate",
      "conflict",
      "invalid",
      "unavailable",
      "400",
      "401",
      "404",
      "409",
      "413",
      "415",
      "429");

  private final MeterRegistry registry;

  public IntakeMetrics(MeterRegistry registry) {
    this.registry = registry;
    RESULTS.forEach(this::requests);
  }

  /** One answered send request, by result: accepted, duplicate, conflict, invalid, unavailable or an HTTP status. */
  public void request(String result) {
    requests(result).increment();
  }

  private Counter requests(String result) {
    return Counter.builder("cascade.intake.requests")
        .description("Send requests answered by send-intake")
        .tag("result", result)
        .register(registry);
  }
}
