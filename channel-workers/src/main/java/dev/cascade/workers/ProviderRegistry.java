package dev.cascade.workers;

import dev.cascade.schemas.ChannelCommand;
import dev.cascade.workers.WorkersConfig.ProviderEndpoint;
import dev.cascade.workers.infobip.InfobipProvider;
import dev.cascade.workers.provider.ChannelProvider;
import dev.cascade.workers.provider.JsonHttp;
import dev.cascade.workers.provider.TokenBucket;
import dev.cascade.workers.rbm.CapabilityCache;
import dev.cascade.workers.rbm.RbmAccessToken;
import dev.cascade.workers.rbm.RbmProvider;
import dev.cascade.workers.smpp.SmppProvider;
import dev.cascade.workers.whatsapp.MetaWhatsAppProvider;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The providers a worker can call, each twice: at its configured endpoint, and at the simulator
 * for {@code simulation: true} messages, which never reach a real provider.
 */
final class ProviderRegistry {

  /** A provider ready to call, with the bucket that paces calls to it. */
  record Selected(ChannelProvider provider, TokenBucket pace) {}

  /** A credential naming a Google service account key file instead of a fixed token. */
  static final String SERVICE_ACCOUNT = "service-account:";

  /** submit_sm per second on one bind: a common SMSC window for a standard account. */
  private static final double SMPP_PER_SECOND = 50;

  private final WorkersConfig config;
  private final Map<String, Selected> real = new HashMap<>();
  private final Map<String, Selected> simulated = new HashMap<>();

  ProviderRegistry(WorkersConfig config, JsonHttp http, CapabilityCache capabilities) {
    this.config = config;
    config.providers().forEach((name, endpoint) -> {
      real.put(name, new Selected(create(name, endpoint, http, capabilities, config.infobipNotifyUrl()),
          new TokenBucket(endpoint.ratePerSecond())));
      ProviderEndpoint sim = new ProviderEndpoint(config.simulatorUrl(), "infobip".equals(name) ? "dev-key" : "dev-token",
          endpoint.ratePerSecond());
      simulated.put(name, new Selected(create(name, sim, http, capabilities, null), new TokenBucket(sim.ratePerSecond())));
    });
    if (config.smpp() != null) {
      real.put(SmppProvider.NAME, new Selected(new SmppProvider(config.smpp()), new TokenBucket(SMPP_PER_SECOND)));
    }
    simulated.put(SmppProvider.NAME, new Selected(new SmppProvider(config.simulatorSmpp()), new TokenBucket(SMPP_PER_SECOND)));
  }

  /** The provider named on the command, else the channel's default; empty when none is configured. */
  Optional<Selected> select(ChannelCommand command) {
    String name = command.getProvider() != null ? command.getProvider() : config.defaultProvider().get(command.getChannel());
    return Optional.ofNullable((command.getSimulation() ? simulated : real).get(name));
  }

  private static ChannelProvider create(String name, ProviderEndpoint endpoint, JsonHttp http,
      CapabilityCache capabilities, String notifyUrl) {
    return switch (name) {
      case MetaWhatsAppProvider.NAME -> new MetaWhatsAppProvider(http, endpoint.baseUrl(), endpoint.credential());
      case RbmProvider.NAME -> new RbmProvider(http, endpoint.baseUrl(), endpoint.credential().startsWith(SERVICE_ACCOUNT)
          ? RbmAccessToken.serviceAccount(Path.of(endpoint.credential().substring(SERVICE_ACCOUNT.length())))
          : RbmAccessToken.fixed(endpoint.credential()), capabilities);
      case InfobipProvider.NAME -> new InfobipProvider(http, endpoint.baseUrl(), endpoint.credential(), notifyUrl);
      default -> throw new IllegalArgumentException("unknown provider " + name);
    };
  }
}
