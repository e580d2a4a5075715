package dev.cascade.workers.whatsapp;

import dev.cascade.platform.config.ConfigException;
import dev.cascade.workers.provider.ProviderConfig;
import java.net.URI;
import java.util.Objects;

/**
 * Meta WhatsApp Cloud API: {@code provider.meta.base.url}, {@code provider.meta.token} (a system
 * user access token), {@code provider.meta.rate.per.second}.
 */
public record MetaConfig(URI baseUrl, String token, double ratePerSecond)
    implements ProviderConfig {

  public MetaConfig {
    Objects.requireNonNull(baseUrl, "baseUrl");
    if (token == null || token.isBlank()) {
      throw new ConfigException("provider.meta.token", "must be an access token, not empty");
    }
  }
}
