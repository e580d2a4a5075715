package dev.cascade.workers.smpp;

import dev.cascade.platform.config.ConfigException;
import dev.cascade.workers.provider.ProviderConfig;

/**
 * An SMSC reached over SMPP 3.4 with a transmitter bind: {@code provider.smpp.host},
 * {@code .port}, {@code .system.id}, {@code .password} and {@code .rate.per.second} (submit_sm
 * per second on the bind).
 */
public record SmppConfig(
    String host, int port, String systemId, String password, double ratePerSecond)
    implements ProviderConfig {

  public SmppConfig {
    if (host == null || host.isBlank()) {
      throw new ConfigException("provider.smpp.host", "must name the SMSC host");
    }
    if (!validPort(port)) {
      throw new ConfigException(
          "provider.smpp.port", String.valueOf(port), "a TCP port, 1 to 65535");
    }
  }

  static boolean validPort(int port) {
    return port >= 1 && port <= 65_535;
  }
}
