package dev.cascade.workers;

import dev.cascade.platform.config.Settings;
import dev.cascade.workers.provider.ChannelProvider;
import dev.cascade.workers.provider.Plugin;
import dev.cascade.workers.provider.ProviderConfig;
import dev.cascade.workers.provider.ProviderContext;
import dev.cascade.workers.provider.ProviderFactory;
import dev.cascade.workers.provider.ProviderSettings;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * Finds the provider plugins on the class path ({@link ServiceLoader}) and builds each twice:
 * against its configured endpoint (when configured) and against the simulator.
 */
final class ProviderPlugins {

  /** A provider built by its plugin, with the rate its configuration allows. */
  record Built(ChannelProvider provider, double ratePerSecond, boolean simulator) {}

  private ProviderPlugins() {}

  /** Every plugin's providers; a plugin that fails to build closes what was built and fails the start. */
  static List<Built> build(Settings settings, ProviderContext context) {
    List<Built> built = new ArrayList<>();
    Set<String> names = new HashSet<>();
    try {
      for (ServiceLoader.Provider<ProviderFactory<?>> plugin : plugins()) {
        Plugin declared = plugin.type().getAnnotation(Plugin.class);
        if (declared == null) {
          throw new IllegalStateException(
              plugin.type().getName() + " is listed as a provider plugin but lacks @Plugin");
        }
        if (!names.add(declared.name())) {
          throw new IllegalStateException(
              "two provider plugins are named '" + declared.name() + "'");
        }
        build(
            plugin.get(),
            declared,
            new ProviderSettings(settings, declared.name()),
            context,
            built);
      }
    } catch (RuntimeException e) {
      built.forEach(b -> b.provider().close());
      throw e;
    }
    return built;
  }

  @SuppressWarnings({"unchecked", "rawtypes"}) // ServiceLoader cannot name a generic service type
  private static List<ServiceLoader.Provider<ProviderFactory<?>>> plugins() {
    ServiceLoader<ProviderFactory<?>> loader =
        (ServiceLoader) ServiceLoader.load(ProviderFactory.class);
    return loader.stream().toList();
  }

  private static <C extends ProviderConfig> void build(
      ProviderFactory<C> factory,
      Plugin declared,
      ProviderSettings settings,
      ProviderContext context,
      List<Built> built) {
    var real = factory.configure(settings);
    if (real.isPresent()) {
      built.add(new Built(
          create(factory, declared, checked(declared, real.get()), context),
          real.get().ratePerSecond(),
          false));
    }
    C simulated = checked(declared, factory.simulatorConfig(settings));
    built.add(
        new Built(create(factory, declared, simulated, context), simulated.ratePerSecond(), true));
  }

  private static <C extends ProviderConfig> ChannelProvider create(
      ProviderFactory<C> factory, Plugin declared, C config, ProviderContext context) {
    ChannelProvider provider = factory.create(config, context);
    if (!provider.name().equals(declared.name())) {
      provider.close();
      throw new IllegalStateException(
          "plugin '" + declared.name() + "' built a provider named '" + provider.name() + "'");
    }
    return provider;
  }

  private static <C extends ProviderConfig> C checked(Plugin declared, C config) {
    if (!declared.configType().isInstance(config)) {
      throw new IllegalStateException(
          "plugin '" + declared.name() + "' declares " + declared.configType().getName()
              + " but configured a " + config.getClass().getName());
    }
    return config;
  }
}
