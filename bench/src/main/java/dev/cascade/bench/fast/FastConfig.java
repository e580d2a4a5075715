package dev.cascade.bench.fast;

import dev.cascade.platform.config.Settings;
import dev.cascade.workers.provider.ProviderConfig;
import java.time.Duration;

/**
 * The fast provider's settings: the simulator's "shortly" and "late delay" ({@code
 * sim.report.delay.ms}, {@code sim.late.delay.s}), {@code provider.fast.rate.per.second}
 * (unpaced by default: it is a benchmark's provider) and the worker's settings for Kafka.
 */
record FastConfig(Duration reportDelay, Duration lateDelay, double ratePerSecond, Settings settings)
    implements ProviderConfig {}
