package dev.cascade.workers;

import dev.cascade.platform.channels.ChannelCatalogue;
import dev.cascade.platform.channels.ChannelProviders;
import dev.cascade.platform.config.DevelopmentSecrets;
import dev.cascade.platform.config.DevelopmentSecrets.Secret;
import dev.cascade.platform.config.Settings;
import dev.cascade.platform.http.HttpServer;
import dev.cascade.platform.kafka.CascadeTopics;
import dev.cascade.platform.kafka.ClientProperties;
import dev.cascade.platform.kafka.KafkaSettings;
import dev.cascade.platform.kafka.RecordSender;
import dev.cascade.platform.kafka.WatermarkBeacon;
import dev.cascade.platform.metrics.DlqMeter;
import dev.cascade.platform.metrics.KafkaClientMeters;
import dev.cascade.platform.metrics.MetricsSetup;
import dev.cascade.schemas.Channel;
import dev.cascade.workers.provider.JsonHttp;
import dev.cascade.workers.provider.ProviderContext;
import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** channel-workers running: one command loop per configured channel, /metrics and /health. */
public final class ChannelWorkersService implements AutoCloseable {

  private static final Logger LOGGER = LoggerFactory.getLogger(ChannelWorkersService.class);
  static final String GROUP_ID = "cascade-channel-workers";
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);

  private final List<CommandLoop> loops;
  private final List<Thread> threads;
  private final ProviderRegistry providers;
  private final RecordSender sender;
  private final Javalin http;
  private final KafkaClientMeters kafkaMeters;
  private final WatermarkBeacon watermarks;

  private ChannelWorkersService(
      List<CommandLoop> loops,
      List<Thread> threads,
      ProviderRegistry providers,
      RecordSender sender,
      Javalin http,
      KafkaClientMeters kafkaMeters,
      WatermarkBeacon watermarks) {
    this.watermarks = watermarks;
    this.loops = loops;
    this.threads = threads;
    this.providers = providers;
    this.sender = sender;
    this.http = http;
    this.kafkaMeters = kafkaMeters;
  }

  public static ChannelWorkersService start(Settings settings) {
    return start(settings, () -> {});
  }

  /**
   * Starts the workers; {@code onFailure} runs when a channel's loop stopped on an unexpected
   * error (its commands are left uncommitted for another worker), after /health turned not-ready.
   * The standalone app exits non-zero then, so its supervisor restarts it.
   */
  public static ChannelWorkersService start(Settings settings, Runnable onFailure) {
    KafkaSettings kafka = KafkaSettings.from(settings);
    WorkersConfig config = WorkersConfig.from(settings);
    DevelopmentSecrets.check(settings, "channel-workers", secrets(settings, config));
    CascadeTopics topics = new CascadeTopics();
    Clock clock = Clock.systemUTC();
    PrometheusMeterRegistry registry = MetricsSetup.prometheus("channel-workers");
    WorkerMetrics metrics = new WorkerMetrics(registry, config.channels());
    JsonHttp json = new JsonHttp(CONNECT_TIMEOUT, config.requestTimeout(), metrics::providerCall);
    ProviderRegistry providers = new ProviderRegistry(
        ProviderPlugins.build(settings, new ProviderContext(json, metrics::capabilityLookup)),
        config);
    Dispatcher dispatcher = new Dispatcher(providers, metrics, clock);
    RecordSender sender = RecordSender.create(kafka, "cascade-channel-workers");
    DlqMeter dlq = new DlqMeter(registry);
    KafkaClientMeters kafkaMeters = new KafkaClientMeters(registry, "channel-workers");
    kafkaMeters.bind(sender.producer());

    List<CommandLoop> loops = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (Channel channel : config.channels()) {
      String slug = ChannelCatalogue.of(channel).slug();
      KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
          ClientProperties.consumer(kafka, "cascade-worker-" + slug, GROUP_ID + "-" + slug));
      kafkaMeters.bind(consumer); // its lag: kafka_consumer_fetch_manager_records_lag
      CommandLoop loop = new CommandLoop(
          topics.channelCommands(channel),
          topics.channelAttempts,
          consumer,
          sender,
          dispatcher,
          dlq,
          new AttemptHistory(
              topics.channelAttempts,
              channel,
              () -> new KafkaConsumer<>(historyReader(kafka, slug)),
              config.dedupLookback(),
              clock),
          clock);
      Thread thread = new Thread(
          () -> {
            loop.run();
            if (loop.failed()) {
              onFailure.run();
            }
          },
          "worker-" + slug);
      loops.add(loop);
      threads.add(thread);
      thread.start();
    }
    // attempts are written the moment a provider answers; a watermark read from the clock comes
    // after every attempt written before it, and fallback-timer's dispatch timeouts wait for it
    WatermarkBeacon watermarks = WatermarkBeacon.start(
        sender,
        topics.channelAttempts.name(),
        WatermarkBeacon.sourceName("channel-workers"),
        WatermarkBeacon.interval(settings),
        clock::instant);
    Javalin server = HttpServer.create(registry, () -> loops.stream().allMatch(CommandLoop::ready));
    server.start(config.httpPort());
    LOGGER
        .atInfo()
        .addKeyValue("port", server.port())
        .addKeyValue("channels", config.channels())
        .log("channel-workers started");
    return new ChannelWorkersService(
        loops, threads, providers, sender, server, kafkaMeters, watermarks);
  }

  /** A consumer in no group: it reads assigned partitions of channel.attempts and commits nothing. */
  private static Properties historyReader(KafkaSettings kafka, String slug) {
    Properties props = ClientProperties.consumer(kafka, "cascade-worker-history-" + slug, "unused");
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    return props;
  }

  /**
   * The credentials of the providers serving this instance's channels: meta's and rbm's token
   * (rbm's unless a service account key file is set), infobip's API key, and smpp's password when
   * an SMSC is configured. Simulated sends use the simulator's own credentials, never these.
   */
  private static List<Secret> secrets(Settings settings, WorkersConfig config) {
    ChannelProviders providers = ChannelProviders.from(settings);
    Set<String> used = new HashSet<>();
    config.channels().forEach(channel -> used.addAll(providers.servedBy(channel)));
    List<Secret> secrets = new ArrayList<>();
    if (used.contains("meta")) {
      secrets.add(Secret.of(settings, "provider.meta.token"));
    }
    if (used.contains("rbm")
        && settings.optional("provider.rbm.service.account.file").isEmpty()) {
      secrets.add(Secret.of(settings, "provider.rbm.token"));
    }
    if (used.contains("infobip")) {
      secrets.add(Secret.of(settings, "provider.infobip.api.key"));
    }
    if (used.contains("smpp") && settings.optional("provider.smpp.host").isPresent()) {
      secrets.add(Secret.of(settings, "provider.smpp.password"));
    }
    return secrets;
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
    watermarks.close();
    kafkaMeters.close();
    providers.close();
    sender.close();
    http.stop();
  }
}
