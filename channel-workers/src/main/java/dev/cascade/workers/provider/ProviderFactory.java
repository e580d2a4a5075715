package dev.cascade.workers.provider;

import java.util.Optional;

/**
 * Builds one provider from its configuration. Factories are found with
 * {@link java.util.ServiceLoader} (a line in {@code META-INF/services/}
 * {@code dev.cascade.workers.provider.ProviderFactory}) and must carry {@link Plugin}.
 *
 * <p>Every provider is built twice: against its configured endpoint, and against provider-sim for
 * {@code simulation: true} commands, which must never reach a real provider.
 *
 * @param <C> the provider's configuration record, validated when it is built
 */
public interface ProviderFactory<C extends ProviderConfig> {

  /**
   * The configuration of the real endpoint, or empty when this deployment did not configure the
   * provider (commands naming it are then rejected). A bad value throws a
   * {@link dev.cascade.platform.config.ConfigException} naming its key.
   */
  Optional<C> configure(ProviderSettings settings);

  /** The configuration that points the same provider at the simulator. */
  C simulatorConfig(ProviderSettings settings);

  /** A provider ready to call; the caller closes it. */
  ChannelProvider create(C config, ProviderContext context);
}
