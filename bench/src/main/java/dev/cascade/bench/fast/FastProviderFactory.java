package dev.cascade.bench.fast;

import dev.cascade.workers.provider.ChannelProvider;
import dev.cascade.workers.provider.Plugin;
import dev.cascade.workers.provider.ProviderContext;
import dev.cascade.workers.provider.ProviderFactory;
import dev.cascade.workers.provider.ProviderSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The {@code fast} provider plugin, on the benchmark's class path only: channel-workers started
 * by {@code bench/run} find it, and use it for the channels configured with {@code
 * channel.<slug>.providers=fast}. Simulated commands get the same provider: it reaches nothing.
 */
@Plugin(name = ScriptedProvider.NAME, configType = FastConfig.class)
public final class FastProviderFactory implements ProviderFactory<FastConfig> {

  /** No pace of its own: the benchmark measures the pipeline. */
  private static final double UNPACED = 1_000_000;

  @Override
  public Optional<FastConfig> configure(ProviderSettings settings) {
    return Optional.of(simulatorConfig(settings));
  }

  @Override
  public FastConfig simulatorConfig(ProviderSettings settings) {
    return new FastConfig(
        Duration.ofMillis(settings.all().longValue("sim.report.delay.ms", 200)),
        Duration.ofSeconds(settings.all().longValue("sim.late.delay.s", 80)),
        settings.ratePerSecond(UNPACED),
        settings.all());
  }

  @Override
  public ChannelProvider create(FastConfig config, ProviderContext context) {
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "fast-provider-reports");
      thread.setDaemon(true);
      return thread;
    });
    return new ScriptedProvider(
        Clock.systemUTC(),
        scheduler,
        config.reportDelay(),
        config.lateDelay(),
        new ReportsToDlrRaw(config.settings()));
  }
}
