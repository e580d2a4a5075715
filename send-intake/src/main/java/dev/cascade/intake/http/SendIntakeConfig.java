package dev.cascade.intake.http;

import dev.cascade.platform.channels.ChannelProviders;
import dev.cascade.platform.config.ConfigException;
import dev.cascade.platform.config.Settings;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * send-intake's configuration.
 *
 * @param apiKeys accepted API keys, each mapped to the id recorded with the request (never the key)
 * @param ackTimeout how long to wait for Kafka to acknowledge a request before answering 503
 * @param statusUrl base URL of fallback-timer, which serves message state
 * @param ratePerSecond requests per second allowed per API key (token bucket, same burst)
 * @param providers the providers each channel may name
 * @param idempotencyRetention how long this instance remembers a messageId it took in
 * @param idempotencyMaxEntries at most this many messageIds are remembered (the oldest go first)
 */
public record SendIntakeConfig(
    int httpPort,
    Map<String, String> apiKeys,
    Duration ackTimeout,
    String statusUrl,
    int ratePerSecond,
    int smsMaxPartsForConversion,
    ChannelProviders providers,
    Duration idempotencyRetention,
    long idempotencyMaxEntries) {

  public SendIntakeConfig {
    if (apiKeys.isEmpty()) {
      throw new ConfigException("intake.api.keys", "must list at least one key");
    }
    if (ratePerSecond < 1) {
      throw new ConfigException(
          "intake.rate.per.second", String.valueOf(ratePerSecond), "at least 1");
    }
    apiKeys = Map.copyOf(apiKeys);
  }

  /**
   * {@code intake.api.keys} is a comma-separated list of {@code id=key} pairs (or bare keys, which
   * get the ids key-1, key-2, ...); default {@code dev-key}.
   */
  public static SendIntakeConfig from(Settings settings) {
    Map<String, String> keys = new LinkedHashMap<>();
    String[] entries = settings.string("intake.api.keys", "dev=dev-key").split(",");
    for (int i = 0; i < entries.length; i++) {
      String entry = entries[i].strip();
      if (entry.isEmpty()) {
        continue;
      }
      int equals = entry.indexOf('=');
      String id = equals > 0 ? entry.substring(0, equals) : "key-" + (i + 1);
      keys.put(equals > 0 ? entry.substring(equals + 1) : entry, id);
    }
    return new SendIntakeConfig(
        settings.integer("intake.http.port", 8080),
        keys,
        settings.duration("intake.ack.timeout", Duration.ofSeconds(5)),
        settings.string("intake.status.url", "http://localhost:8082"),
        settings.integer("intake.rate.per.second", 500),
        settings.integer("sms.max.parts.for.conversion", 1),
        ChannelProviders.from(settings),
        settings.duration("idempotency.retention", Duration.ofHours(24)),
        settings.longValue("intake.idempotency.max.entries", 1_000_000));
  }
}
