package dev.cascade.workers.infobip;

import dev.cascade.platform.config.ConfigException;
import dev.cascade.workers.provider.ProviderConfig;
import java.net.URI;
import java.util.Objects;

/**
 * Infobip over HTTP: {@code provider.infobip.base.url}, {@code provider.infobip.api.key},
 * {@code provider.infobip.notify.url} (where Infobip posts reports; null: the account's
 * setting) and {@code provider.infobip.rate.per.second}.
 */
public record InfobipConfig(URI baseUrl, String apiKey, URI notifyUrl, double ratePerSecond)
    implements ProviderConfig {

  public InfobipConfig {
    Objects.requireNonNull(baseUrl, "baseUrl");
    if (apiKey == null || apiKey.isBlank()) {
      throw new ConfigException("provider.infobip.api.key", "must be an API key, not empty");
    }
  }
}
