package dev.cascade.workers;

import dev.cascade.platform.config.ConfigException;
import dev.cascade.platform.config.Settings;
import dev.cascade.schemas.Channel;
import dev.cascade.workers.smpp.SmppProvider;
import java.time.Duration;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * channel-workers' configuration. Provider endpoints and credentials are per provider
 * ({@code provider.<name>.base.url}, ...); {@code sim.base.url} serves {@code simulation: true}
 * messages whatever the configured provider.
 */
public record WorkersConfig(
    int httpPort,
    Set<Channel> channels,
    Map<Channel, String> defaultProvider,
    Map<String, ProviderEndpoint> providers,
    String simulatorUrl,
    String infobipNotifyUrl,
    SmppProvider.Endpoint smpp,
    SmppProvider.Endpoint simulatorSmpp,
    int retryMaxAttempts,
    Duration retryBaseDelay,
    Duration requestTimeout,
    Duration capabilityTtl,
    int capabilityCacheSize) {

  /** Where a provider is and how to authenticate to it. */
  public record ProviderEndpoint(String baseUrl, String credential, double ratePerSecond) {}

  public WorkersConfig {
    if (retryMaxAttempts < 1) {
      throw new ConfigException("workers.retry.max.attempts", String.valueOf(retryMaxAttempts), "at least 1");
    }
  }

  public static WorkersConfig from(Settings settings) {
    Set<Channel> channels = EnumSet.noneOf(Channel.class);
    for (String name : settings.string("workers.channels", "WHATSAPP,RCS,VIBER,SMS").split(",")) {
      try {
        channels.add(Channel.valueOf(name.strip().toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new ConfigException("workers.channels", name, "a list of WHATSAPP, RCS, VIBER, SMS");
      }
    }
    Map<Channel, String> defaults = new EnumMap<>(Channel.class);
    defaults.put(Channel.WHATSAPP, settings.string("channel.whatsapp.provider", "meta"));
    defaults.put(Channel.RCS, settings.string("channel.rcs.provider", "rbm"));
    defaults.put(Channel.VIBER, settings.string("channel.viber.provider", "infobip"));
    defaults.put(Channel.SMS, settings.string("channel.sms.provider", "infobip"));
    String sim = settings.string("sim.base.url", "http://localhost:8090");
    return new WorkersConfig(
        settings.integer("workers.http.port", 8083),
        channels,
        defaults,
        Map.of(
            "meta", endpoint(settings, "meta", "token", sim, "dev-token"),
            "rbm", rbm(settings, sim),
            "infobip", endpoint(settings, "infobip", "api.key", sim, "dev-key")),
        sim,
        settings.optional("provider.infobip.notify.url").orElse(null),
        settings.optional("provider.smpp.host").map(host -> new SmppProvider.Endpoint(host,
            settings.integer("provider.smpp.port", 2775), settings.string("provider.smpp.system.id", "cascade"),
            settings.string("provider.smpp.password", "devpass"))).orElse(null),
        new SmppProvider.Endpoint("localhost", settings.integer("sim.smpp.port", 2775), "cascade",
            settings.string("sim.smpp.password", "devpass")),
        settings.integer("workers.retry.max.attempts", 4),
        settings.duration("workers.retry.base.delay", Duration.ofMillis(200)),
        settings.duration("workers.request.timeout", Duration.ofSeconds(10)),
        settings.duration("capability.cache.ttl", Duration.ofHours(4)),
        settings.integer("capability.cache.size", 100_000));
  }

  /**
   * RBM authenticates with a Google service account key ({@code provider.rbm.service.account.file})
   * or, for the simulator, a fixed {@code provider.rbm.token}.
   */
  private static ProviderEndpoint rbm(Settings settings, String sim) {
    ProviderEndpoint fixed = endpoint(settings, "rbm", "token", sim, "dev-token");
    return settings.optional("provider.rbm.service.account.file")
        .map(file -> new ProviderEndpoint(fixed.baseUrl(), ProviderRegistry.SERVICE_ACCOUNT + file, fixed.ratePerSecond()))
        .orElse(fixed);
  }

  private static ProviderEndpoint endpoint(Settings settings, String name, String credentialKey,
      String defaultUrl, String defaultCredential) {
    String prefix = "provider." + name + ".";
    return new ProviderEndpoint(
        settings.string(prefix + "base.url", defaultUrl),
        settings.string(prefix + credentialKey, defaultCredential),
        settings.integer(prefix + "rate.per.second", 50));
  }
}
