package dev.cascade.workers.provider;

import dev.cascade.platform.config.ConfigException;
import dev.cascade.platform.config.Settings;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * One provider's view of the configuration: its own keys are {@code provider.<name>.<suffix>};
 * keys every provider shares ({@code sim.base.url}) and any other key stay reachable.
 */
public final class ProviderSettings {

  /** Where provider-sim answers every provider's API unless configured. */
  public static final String DEFAULT_SIMULATOR_URL = "http://localhost:8090";

  private static final double DEFAULT_RATE_PER_SECOND = 50;

  private final Settings settings;
  private final String provider;

  public ProviderSettings(Settings settings, String provider) {
    this.settings = settings;
    this.provider = provider;
  }

  public String provider() {
    return provider;
  }

  /** The full key of one of this provider's settings: {@code provider.<name>.<suffix>}. */
  public String key(String suffix) {
    return "provider." + provider + "." + suffix;
  }

  public Optional<String> optional(String suffix) {
    return settings.optional(key(suffix));
  }

  public String string(String suffix, String defaultValue) {
    return settings.string(key(suffix), defaultValue);
  }

  /** An http(s) URL, as written. */
  public URI url(String suffix, URI defaultValue) {
    return optional(suffix).map(raw -> parseUrl(key(suffix), raw)).orElse(defaultValue);
  }

  /** {@code provider.<name>.rate.per.second}, default 50: more than zero. */
  public double ratePerSecond() {
    return ratePerSecond(DEFAULT_RATE_PER_SECOND);
  }

  /**
   * {@code provider.<name>.rate.per.second}, by default {@code documented}: the pace the provider
   * itself documents as its default (docs/provider-contracts.md says which).
   */
  public double ratePerSecond(double documented) {
    String key = key("rate.per.second");
    Optional<String> raw = settings.optional(key);
    double rate;
    try {
      rate = raw.map(Double::parseDouble).orElse(documented);
    } catch (NumberFormatException e) {
      throw new ConfigException(key, raw.get(), "a number of calls per second");
    }
    if (!(rate > 0) || Double.isInfinite(rate)) {
      throw new ConfigException(key, raw.orElse(""), "a number of calls per second above 0");
    }
    return rate;
  }

  /** {@code sim.base.url}: where simulated commands go, whatever the configured provider. */
  public URI simulatorUrl() {
    return parseUrl("sim.base.url", settings.string("sim.base.url", DEFAULT_SIMULATOR_URL));
  }

  /** Keys outside {@code provider.<name>.}, such as {@code capability.cache.ttl}. */
  public Settings all() {
    return settings;
  }

  private static URI parseUrl(String key, String raw) {
    try {
      URI uri = new URI(raw);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
        return uri;
      }
    } catch (URISyntaxException e) {
      // reported below, naming the key
    }
    throw new ConfigException(key, raw, "an http or https URL such as https://graph.facebook.com");
  }
}
