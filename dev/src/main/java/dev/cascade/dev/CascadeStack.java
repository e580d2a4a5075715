package dev.cascade.dev;

import dev.cascade.callbacks.CallbacksService;
import dev.cascade.dlringest.DlrIngestService;
import dev.cascade.fallback.FallbackTimerService;
import dev.cascade.intake.SendIntakeService;
import dev.cascade.platform.callbacks.CallbackKeys;
import dev.cascade.platform.config.DevelopmentSecrets;
import dev.cascade.platform.config.Settings;
import dev.cascade.platform.kafka.CascadeTopics;
import dev.cascade.platform.kafka.EmbeddedKafka;
import dev.cascade.platform.kafka.KafkaBroker;
import dev.cascade.platform.kafka.KafkaSettings;
import dev.cascade.platform.kafka.TopicAdmin;
import dev.cascade.platform.serde.RecordSerdes;
import dev.cascade.providersim.ProviderSimulator;
import dev.cascade.workers.ChannelWorkersService;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Everything in one process: an embedded Kafka broker, the provider simulator and every service,
 * wired to each other. Used by {@code bin/cascade dev} and by the end-to-end tests (with port 0
 * everywhere, so tests never collide with a running stack).
 */
public final class CascadeStack implements AutoCloseable {

  private final Deque<AutoCloseable> started;
  private final String bootstrapServers;
  private final Settings settings;
  private final SendIntakeService intake;
  private final DlrIngestService dlrIngest;
  private final FallbackTimerService fallbackTimer;
  private final ChannelWorkersService workers;
  private final ProviderSimulator simulator;
  private final CallbacksService callbacks;

  /** Where the stack keeps its data: the broker's log and fallback-timer's Streams state. */
  private interface Broker {
    /** Starts the broker; its bootstrap servers. */
    String start(Deque<AutoCloseable> started);

    /** fallback-timer's state directory, consistent with the broker's data. */
    String timerStateDir(Settings base);
  }

  private CascadeStack(
      Deque<AutoCloseable> started, Settings base, Broker broker, Runnable onFatalError) {
    this.started = started;
    bootstrapServers = broker.start(started);
    Map<String, String> wiring = new HashMap<>();
    // The simulator signs and answers with the development secrets, so every service takes them.
    wiring.put(DevelopmentSecrets.PROFILE_KEY, DevelopmentSecrets.DEV_PROFILE);
    wiring.put("kafka.bootstrap.servers", bootstrapServers);
    wiring.put("timer.state.dir", broker.timerStateDir(base));
    wiring.put(
        "callbacks.state.dir",
        base.optional("callbacks.state.dir").orElseGet(CascadeStack::freshStateDir));
    // a developer points callbacks at a receiver on this machine (plain http to loopback)
    wiring.put(CallbackKeys.ALLOW_PRIVATE_KEY, base.string(CallbackKeys.ALLOW_PRIVATE_KEY, "true"));
    // bin/cascade dev asks for 8084; a stack in a test, which names no port, gets a free one
    wiring.put("callbacks.http.port", base.string("callbacks.http.port", "0"));
    Settings settings = base.with(wiring);
    TopicAdmin.ensureTopics(KafkaSettings.from(settings), new CascadeTopics());

    // Bound in dependency order; a port of 0 becomes a free port that later services are told.
    int smppPort = base.integer("sim.smpp.port", 2775);
    String smsc = String.valueOf(smppPort == 0 ? freePort() : smppPort);
    wiring.put("sim.smpp.port", smsc);
    wiring.put("dlr.smpp.host", "localhost");
    wiring.put("dlr.smpp.port", smsc);
    wiring.putIfAbsent("provider.smpp.host", base.string("provider.smpp.host", "localhost"));
    wiring.putIfAbsent("provider.smpp.port", base.string("provider.smpp.port", smsc));
    settings = settings.with(wiring);
    dlrIngest = remember(DlrIngestService.start(settings));
    wiring.put("sim.webhook.base.url", "http://localhost:" + dlrIngest.port());
    simulator = remember(ProviderSimulator.start(settings.with(wiring)));
    String simUrl = "http://localhost:" + simulator.port();
    for (String provider : new String[] {"meta", "rbm", "infobip"}) {
      wiring.putIfAbsent(
          "provider." + provider + ".base.url",
          base.string("provider." + provider + ".base.url", simUrl));
    }
    wiring.put("sim.base.url", simUrl);
    workers = remember(ChannelWorkersService.start(settings.with(wiring)));
    fallbackTimer = remember(FallbackTimerService.start(settings.with(wiring), onFatalError));
    wiring.put("intake.status.url", "http://localhost:" + fallbackTimer.port());
    intake = remember(SendIntakeService.start(settings.with(wiring)));
    callbacks = remember(CallbacksService.start(settings.with(wiring), onFatalError));
    this.settings = settings.with(wiring);
  }

  private static int freePort() {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("no free port for the simulated SMSC", e);
    }
  }

  private static String freshStateDir() {
    try {
      return java.nio.file.Files.createTempDirectory("cascade-fallback-timer").toString();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot create a state directory", e);
    }
  }

  /**
   * Starts the whole stack on an embedded broker that starts empty and deletes its data on close
   * (the tests' broker); a failure part-way closes what had started.
   */
  public static CascadeStack start(Settings settings, int kafkaPort, Runnable onFatalError) {
    return start(settings, () -> EmbeddedKafka.start(kafkaPort), onFatalError);
  }

  /**
   * Starts the whole stack on the broker {@code broker} starts (the tests' switch can make it a
   * container); the stack stops it when it closes.
   */
  public static CascadeStack start(
      Settings settings, Supplier<KafkaBroker> broker, Runnable onFatalError) {
    return start(
        settings,
        new Broker() {
          @Override
          public String start(Deque<AutoCloseable> started) {
            KafkaBroker kafka = broker.get();
            started.push(kafka);
            return kafka.bootstrapServers();
          }

          @Override
          public String timerStateDir(Settings base) {
            // a broker that starts empty needs fallback-timer's local state to start empty too
            return base.optional("timer.state.dir").orElseGet(CascadeStack::freshStateDir);
          }
        },
        onFatalError);
  }
  /**
   * Starts the whole stack on a broker that keeps its log in {@code dataDir/kafka}, with
   * fallback-timer's state in {@code dataDir/timer-state}: stopped and started again on the same
   * directory (and ports), it has lost nothing it accepted. {@code bin/cascade dev} runs this.
   */
  public static CascadeStack startKept(
      Settings settings, Path dataDir, int kafkaPort, int controllerPort, Runnable onFatalError) {
    return start(
        settings,
        new Broker() {
          @Override
          public String start(Deque<AutoCloseable> started) {
            KeptKafka kafka = KeptKafka.start(dataDir.resolve("kafka"), kafkaPort, controllerPort);
            started.push(kafka);
            return kafka.bootstrapServers();
          }

          @Override
          public String timerStateDir(Settings base) {
            return dataDir.resolve("timer-state").toAbsolutePath().toString();
          }
        },
        onFatalError);
  }

  private static CascadeStack start(Settings settings, Broker broker, Runnable onFatalError) {
    Deque<AutoCloseable> started = new ArrayDeque<>();
    try {
      return new CascadeStack(started, settings, broker, onFatalError);
    } catch (RuntimeException e) {
      closeAll(started);
      throw e;
    }
  }

  private <T extends AutoCloseable> T remember(T component) {
    started.push(component);
    return component;
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  public Settings settings() {
    return settings;
  }

  /** The topics with the stack's wire format ({@code serde.mode}), for clients of the stack. */
  public CascadeTopics topics() {
    return new CascadeTopics(RecordSerdes.from(settings));
  }

  public int intakePort() {
    return intake.port();
  }

  public int dlrIngestPort() {
    return dlrIngest.port();
  }

  public int fallbackTimerPort() {
    return fallbackTimer.port();
  }

  public int workersPort() {
    return workers.port();
  }

  public int callbacksPort() {
    return callbacks.port();
  }

  public int simulatorPort() {
    return simulator.port();
  }

  public int smscPort() {
    return simulator.smppPort();
  }

  /** The provider simulator, whose SMSC a failover test stops and starts. */
  public ProviderSimulator simulator() {
    return simulator;
  }

  /** Stops the services, newest first, then the broker. */
  @Override
  public void close() {
    closeAll(started);
  }

  private static void closeAll(Deque<AutoCloseable> started) {
    while (!started.isEmpty()) {
      try {
        started.pop().close();
      } catch (Exception e) {
        org.slf4j.LoggerFactory.getLogger(CascadeStack.class)
            .atWarn()
            .setCause(e)
            .log("component did not stop cleanly");
      }
    }
  }
}
