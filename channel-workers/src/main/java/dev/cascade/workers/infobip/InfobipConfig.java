package dev.cascade.workers.infobip;

import dev.cascade.platform.config.ConfigException;
import dev.cascade.workers.provider.ProviderConfig;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Infobip over HTTP: {@code provider.infobip.base.url}, {@code provider.infobip.api.key},
 * {@code provider.infobip.notify.url} (where Infobip posts reports; null: the account's
 * setting), {@code provider.infobip.rate.per.second}, and for RCS
 * {@code provider.infobip.rcs.capability.check} (ask "Check RCS capability" before each send to
 * an unknown number; the account needs Infobip's capability checker) with answers cached as
 * {@code capability.cache.ttl} and {@code capability.cache.size} say.
 */
public record InfobipConfig(
    URI baseUrl,
    String apiKey,
    URI notifyUrl,
    double ratePerSecond,
    boolean rcsCapabilityCheck,
    Duration capabilityTtl,
    long capabilityCacheSize)
    implements ProviderConfig {

  /** The capability check cached 4 h per number, as for RBM (seed 002). */
  public static final Duration DEFAULT_CAPABILITY_TTL = Duration.ofHours(4);

  public static final long DEFAULT_CAPABILITY_CACHE_SIZE = 100_000;

  public InfobipConfig {
    Objects.requireNonNull(baseUrl, "baseUrl");
    if (apiKey == null || apiKey.isBlank()) {
      throw new ConfigException("provider.infobip.api.key", "must be an API key, not empty");
    }
    Objects.requireNonNull(capabilityTtl, "capabilityTtl");
  }

  /** Checking RCS capability first, with the default cache. */
  public InfobipConfig(URI baseUrl, String apiKey, URI notifyUrl, double ratePerSecond) {
    this(
        baseUrl,
        apiKey,
        notifyUrl,
        ratePerSecond,
        true,
        DEFAULT_CAPABILITY_TTL,
        DEFAULT_CAPABILITY_CACHE_SIZE);
  }
}
