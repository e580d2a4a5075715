package dev.cascade.workers;

import dev.cascade.platform.config.Settings;
import dev.cascade.platform.http.HttpServer;
import dev.cascade.platform.kafka.CascadeTopics;
import dev.cascade.platform.kafka.ClientProperties;
import dev.cascade.platform.kafka.KafkaSettings;
import dev.cascade.platform.kafka.RecordSender;
import dev.cascade.platform.metrics.MetricsSetup;
import dev.cascade.schemas.Channel;
import dev.cascade.workers.provider.JsonHttp;
import dev.cascade.workers.provider.RetryingCaller;
import dev.cascade.workers.rbm.CapabilityCache;
import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** channel-workers running: one command loop per configured channel, /metrics and /health. */
public final class ChannelWorkersService implements AutoCloseable {

  private static final Logger LOGGER = LoggerFactory.getLogger(ChannelWorkersService.class);
  static final String GROUP_ID = "cascade-channel-workers";

  private final List<CommandLoop> loops;
  private final List<Thread> threads;
  private final RecordSender sender;
  private final Javalin http;

  private ChannelWorkersService(List<CommandLoop> loops, List<Thread> threads, RecordSender sender, Javalin http) {
    this.loops = loops;
    this.threads = threads;
    this.sender = sender;
    this.http = http;
  }

  public static ChannelWorkersService start(Settings settings) {
    KafkaSettings kafka = KafkaSettings.from(settings);
    WorkersConfig config = WorkersConfig.from(settings);
    CascadeTopics topics = new CascadeTopics();
    PrometheusMeterRegistry registry = MetricsSetup.prometheus("channel-workers");
    WorkerMetrics metrics = new WorkerMetrics(registry);
    JsonHttp http = new JsonHttp(Duration.ofSeconds(3), config.requestTimeout(), metrics::providerCall);
    CapabilityCache capabilities = new CapabilityCache(config.capabilityTtl(), config.capabilityCacheSize(),
        Clock.systemUTC(), metrics::capabilityLookup);
    ProviderRegistry providers = new ProviderRegistry(config, http, capabilities);
    RetryingCaller retrying = new RetryingCaller(config.retryMaxAttempts(), config.retryBaseDelay(),
        Duration.ofSeconds(10), Thread::sleep);
    RecordSender sender = RecordSender.create(kafka, "cascade-channel-workers");

    List<CommandLoop> loops = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (Channel channel : config.channels()) {
      String name = channel.name().toLowerCase(Locale.ROOT);
      KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
          ClientProperties.consumer(kafka, "cascade-worker-" + name, GROUP_ID + "-" + name));
      CommandLoop loop = new CommandLoop(topics.channelCommands(channel), consumer, sender, topics, providers,
          retrying, metrics);
      Thread thread = new Thread(loop, "worker-" + name);
      thread.setUncaughtExceptionHandler((t, e) ->
          LOGGER.atError().setCause(e).addKeyValue("channel", channel).log("worker stopped on an unexpected error"));
      loops.add(loop);
      threads.add(thread);
      thread.start();
    }
    Javalin server = HttpServer.create(registry, () -> loops.stream().allMatch(CommandLoop::polling));
    server.start(config.httpPort());
    LOGGER.atInfo().addKeyValue("port", server.port()).addKeyValue("channels", config.channels()).log("channel-workers started");
    return new ChannelWorkersService(loops, threads, sender, server);
  }

  public int port() {
    return http.port();
  }

  @Override
  public void close() {
    loops.forEach(CommandLoop::stop);
    for (Thread thread : threads) {
      try {
        thread.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    sender.close();
    http.stop();
  }
}
