package dev.cascade.intake.http;

import dev.cascade.platform.channels.ChannelProviders;
import dev.cascade.platform.config.ConfigException;
import dev.cascade.platform.config.Settings;
import java.time.Duration;

/**
 * send-intake's configuration.
 *
 * @param apiKeys accepted API keys (their SHA-256 digests), each with the id recorded with the
 *     request (never the key)
 * @param ackTimeout how long to wait for Kafka to acknowledge a request before answering 503
 * @param statusUrl base URL of fallback-timer, which serves message state
 * @param ratePerSecond requests per second allowed per API key (token bucket, same burst)
 * @param providers the providers each channel may name
 * @param idempotencyRetention how long this instance remembers a messageId it took in
 * @param idempotencyMaxEntries at most this many messageIds are remembered (the oldest go first)
 * @param activityWindow how far back the console's fallbacks and outcomes panel counts
 */
public record SendIntakeConfig(
    int httpPort,
    ApiKeys apiKeys,
    Duration ackTimeout,
    String statusUrl,
    int ratePerSecond,
    int smsMaxPartsForConversion,
    ChannelProviders providers,
    Duration idempotencyRetention,
    long idempotencyMaxEntries,
    Duration activityWindow) {

  public SendIntakeConfig {
    if (ratePerSecond < 1) {
      throw new ConfigException(
          "intake.rate.per.second", String.valueOf(ratePerSecond), "at least 1");
    }
    if (activityWindow.compareTo(Duration.ofMinutes(1)) < 0
        || activityWindow.compareTo(Duration.ofHours(24)) > 0) {
      throw new ConfigException(
          "intake.activity.window", activityWindow.toString(), "between 1 minute and 24 hours");
    }
  }

  /**
   * {@code intake.api.keys} as {@link ApiKeys#parse} reads it; default {@code dev=dev-key}, the
   * development key.
   */
  public static SendIntakeConfig from(Settings settings) {
    return new SendIntakeConfig(
        settings.integer("intake.http.port", 8080),
        ApiKeys.parse(settings.string(ApiKeys.KEY, "dev=dev-key")),
        settings.duration("intake.ack.timeout", Duration.ofSeconds(5)),
        settings.string("intake.status.url", "http://localhost:8082"),
        settings.integer("intake.rate.per.second", 500),
        settings.integer("sms.max.parts.for.conversion", 1),
        ChannelProviders.from(settings),
        settings.duration("idempotency.retention", Duration.ofHours(24)),
        settings.longValue("intake.idempotency.max.entries", 1_000_000),
        settings.duration("intake.activity.window", Duration.ofMinutes(15)));
  }
}
