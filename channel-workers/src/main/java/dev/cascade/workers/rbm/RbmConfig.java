package dev.cascade.workers.rbm;

import dev.cascade.platform.config.ConfigException;
import dev.cascade.workers.provider.ProviderConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Google RBM: {@code provider.rbm.base.url}; credentials either a service account key
 * ({@code provider.rbm.service.account.file}, production) or a fixed {@code provider.rbm.token}
 * (the simulator); the RCS capability cache ({@code capability.cache.ttl},
 * {@code capability.cache.size}); {@code provider.rbm.rate.per.second}.
 *
 * @param serviceAccountFile the JSON key, or null to use {@code token}
 */
public record RbmConfig(
    URI baseUrl,
    String token,
    Path serviceAccountFile,
    Duration capabilityTtl,
    long capabilityCacheSize,
    double ratePerSecond)
    implements ProviderConfig {

  public RbmConfig {
    Objects.requireNonNull(baseUrl, "baseUrl");
    if (serviceAccountFile == null && (token == null || token.isBlank())) {
      throw new ConfigException(
          "provider.rbm.token",
          "must be a token when provider.rbm.service.account.file is not set");
    }
    if (capabilityTtl.isNegative() || capabilityTtl.isZero()) {
      throw new ConfigException(
          "capability.cache.ttl", capabilityTtl.toString(), "a positive duration");
    }
    if (capabilityCacheSize < 1) {
      throw new ConfigException(
          "capability.cache.size", String.valueOf(capabilityCacheSize), "at least 1");
    }
  }
}
