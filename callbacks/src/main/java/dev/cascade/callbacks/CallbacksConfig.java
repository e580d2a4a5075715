package dev.cascade.callbacks;

import dev.cascade.callbacks.processing.DeliverySettings;
import dev.cascade.callbacks.queue.RetryPolicy;
import dev.cascade.platform.callbacks.CallbackKeys;
import dev.cascade.platform.config.ConfigException;
import dev.cascade.platform.config.Settings;
import java.time.Duration;

/**
 * The callbacks service's configuration.
 *
 * @param connectTimeout how long to wait for a receiver's connection
 * @param requestTimeout how long to wait for a receiver's answer
 */
public record CallbacksConfig(
    int httpPort,
    String applicationId,
    String stateDir,
    Duration connectTimeout,
    Duration requestTimeout,
    DeliverySettings delivery) {

  public CallbacksConfig {
    if (delivery.maxInFlight() < 1) {
      throw new ConfigException(
          "callbacks.max.in.flight", String.valueOf(delivery.maxInFlight()), "at least 1");
    }
  }

  public static CallbacksConfig from(Settings settings) {
    Duration requestTimeout =
        settings.duration("callbacks.request.timeout", Duration.ofSeconds(10));
    RetryPolicy retry;
    try {
      retry = new RetryPolicy(
          settings.duration("callbacks.retry.initial", Duration.ofSeconds(1)),
          settings.duration("callbacks.retry.max.interval", Duration.ofHours(1)),
          settings.duration("callbacks.retry.for", Duration.ofHours(24)));
    } catch (IllegalArgumentException e) {
      throw new ConfigException("callbacks.retry.initial", e.getMessage());
    }
    return new CallbacksConfig(
        settings.integer("callbacks.http.port", 8084),
        settings.string("callbacks.application.id", "cascade-callbacks"),
        settings.string(
            "callbacks.state.dir", System.getProperty("java.io.tmpdir") + "/cascade-callbacks"),
        settings.duration("callbacks.connect.timeout", Duration.ofSeconds(5)),
        requestTimeout,
        new DeliverySettings(
            CallbackKeys.from(settings),
            retry,
            requestTimeout.plusSeconds(30),
            settings.integer("callbacks.max.in.flight", 256),
            settings.duration("callbacks.tick", Duration.ofMillis(100)),
            settings.duration("callbacks.keep.after.outcome", Duration.ofHours(72)),
            settings.duration("callbacks.keep.at.most", Duration.ofHours(45 * 24))));
  }
}
