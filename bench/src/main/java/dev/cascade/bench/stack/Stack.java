package dev.cascade.bench.stack;

import dev.cascade.bench.process.JvmProcess;
import dev.cascade.bench.process.KafkaBroker;
import dev.cascade.platform.config.DevelopmentSecrets;
import dev.cascade.platform.config.Settings;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Cascade's services started against a running broker, each in its own JVM ({@link Layout#SEPARATE},
 * each service's own main) or all in one JVM ({@link Layout#ALL_IN_ONE}, {@link AllInOne}), on free
 * ports, in the development profile (the published development secrets, loopback only), with
 * provider and intake rate limits lifted so the benchmark measures the pipeline, not its pacing.
 */
public final class Stack implements AutoCloseable {

  /** How the services are spread over JVMs. */
  public enum Layout {
    ALL_IN_ONE,
    SEPARATE
  }

  /** A service: its name for {@code bin/cascade run}, its main class and its HTTP port key. */
  public enum Service {
    DLR_INGEST("dlr-ingest", "dev.cascade.dlringest.DlrIngestApp", "dlr.http.port"),
    PROVIDER_SIM("provider-sim", "dev.cascade.providersim.ProviderSimulatorApp", "sim.http.port"),
    CHANNEL_WORKERS(
        "channel-workers", "dev.cascade.workers.ChannelWorkersApp", "workers.http.port"),
    FALLBACK_TIMER("fallback-timer", "dev.cascade.fallback.FallbackTimerApp", "timer.http.port"),
    SEND_INTAKE("send-intake", "dev.cascade.intake.SendIntakeApp", "intake.http.port");

    final String serviceName;
    final String mainClass;
    final String portKey;

    Service(String serviceName, String mainClass, String portKey) {
      this.serviceName = serviceName;
      this.mainClass = mainClass;
      this.portKey = portKey;
    }

    public String serviceName() {
      return serviceName;
    }
  }

  /** Calls a second a provider accepts from the workers, lifted from the default 50. */
  public static final int PROVIDER_RATE = 1_000_000;

  private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);

  private final List<JvmProcess> processes;
  private final Map<String, String> settings;
  private final Map<String, String> environment;
  private final Path runDir;
  private final List<String> jvmOptions;
  /** The HTTP port of each process started by name (every process of the separate layout). */
  private final Map<String, Integer> ports = new java.util.concurrent.ConcurrentHashMap<>();

  private Stack(
      List<JvmProcess> processes,
      Map<String, String> settings,
      Map<String, String> environment,
      Path runDir,
      List<String> jvmOptions) {
    this.processes = processes;
    this.settings = settings;
    this.environment = environment;
    this.runDir = runDir;
    this.jvmOptions = jvmOptions;
  }

  /** Starts {@code services} (in dependency order) and waits until every one is healthy. */
  public static Stack start(
      Layout layout,
      List<Service> services,
      String bootstrapServers,
      int partitions,
      Path runDir,
      List<String> jvmOptions) {
    return start(layout, services, bootstrapServers, partitions, runDir, jvmOptions, Map.of());
  }

  /** As above, with {@code extraSettings} on top of the benchmark's (e.g. the simulator's delays). */
  public static Stack start(
      Layout layout,
      List<Service> services,
      String bootstrapServers,
      int partitions,
      Path runDir,
      List<String> jvmOptions,
      Map<String, String> extraSettings) {
    Map<String, String> settings = settings(bootstrapServers, partitions, runDir);
    settings.putAll(extraSettings);
    Map<String, String> environment = new HashMap<>();
    settings.forEach((key, value) -> environment.put(Settings.environmentName(key), value));
    // faults are injected from several threads at once (bench/run faults)
    List<JvmProcess> processes = new java.util.concurrent.CopyOnWriteArrayList<>();
    Stack stack = new Stack(processes, settings, environment, runDir, jvmOptions);
    try {
      if (layout == Layout.ALL_IN_ONE) {
        List<String> arguments = services.stream().map(Service::serviceName).toList();
        processes.add(JvmProcess.start(
            "all-in-one",
            java(jvmOptions, AllInOne.class.getName(), arguments),
            environment,
            runDir.resolve("all-in-one.log")));
      } else {
        for (Service service : services) {
          processes.add(JvmProcess.start(
              service.serviceName,
              java(jvmOptions, service.mainClass, List.of()),
              environment,
              runDir.resolve(service.serviceName + ".log")));
          stack.ports.put(service.serviceName, stack.port(service));
        }
      }
      for (Service service : services) {
        stack.awaitReady(service);
      }
      return stack;
    } catch (RuntimeException e) {
      stack.close();
      throw e;
    }
  }

  private static Map<String, String> settings(
      String bootstrapServers, int partitions, Path runDir) {
    Map<String, String> settings = new HashMap<>();
    settings.put("kafka.bootstrap.servers", bootstrapServers);
    settings.put("kafka.partitions", String.valueOf(partitions));
    for (Service service : Service.values()) {
      settings.put(service.portKey, String.valueOf(KafkaBroker.freePort()));
    }
    settings.put("sim.smpp.port", String.valueOf(KafkaBroker.freePort()));
    String sim = "http://localhost:" + settings.get(Service.PROVIDER_SIM.portKey);
    for (String provider : List.of("meta", "rbm", "infobip")) {
      settings.put("provider." + provider + ".base.url", sim);
      settings.put("provider." + provider + ".rate.per.second", String.valueOf(PROVIDER_RATE));
    }
    settings.put("sim.base.url", sim);
    settings.put(
        "sim.webhook.base.url", "http://localhost:" + settings.get(Service.DLR_INGEST.portKey));
    settings.put(
        "intake.status.url", "http://localhost:" + settings.get(Service.FALLBACK_TIMER.portKey));
    settings.put("intake.rate.per.second", String.valueOf(PROVIDER_RATE));
    settings.put("timer.state.dir", runDir.resolve("timer-state").toString());
    // the development secrets (API key dev-key, webhook secret dev-secret) on loopback only
    settings.put(DevelopmentSecrets.PROFILE_KEY, DevelopmentSecrets.DEV_PROFILE);
    return settings;
  }

  private static List<String> java(List<String> jvmOptions, String mainClass, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass);
    command.addAll(args);
    return command;
  }

  /**
   * Starts one more instance of {@code service} (separate layout) as {@code name}, with {@code
   * overrides} on top of the stack's settings (its own HTTP port and state directory), and waits
   * until it is healthy.
   */
  public JvmProcess startInstance(Service service, String name, Map<String, String> overrides) {
    Map<String, String> env = new HashMap<>(environment);
    overrides.forEach((key, value) -> env.put(Settings.environmentName(key), value));
    JvmProcess process = JvmProcess.start(
        name, java(jvmOptions, service.mainClass, List.of()), env, runDir.resolve(name + ".log"));
    processes.add(process);
    ports.put(
        name,
        Integer.parseInt(overrides.getOrDefault(service.portKey, settings.get(service.portKey))));
    awaitReady(service, ports.get(name), List.of(process));
    return process;
  }

  /** The running process started as {@code name}. */
  public JvmProcess process(String name) {
    return processes.stream()
        .filter(p -> p.name().equals(name))
        .reduce((first, later) -> later)
        .orElseThrow(() -> new IllegalArgumentException("no process " + name));
  }

  /** SIGKILL of the process started as {@code name} (by its PID): a crash. */
  public void kill(String name) {
    JvmProcess process = process(name);
    processes.remove(process);
    process.kill();
  }

  /**
   * Starts {@code name} again after {@link #kill}, as it was started, and waits until healthy. A
   * start that exits before it is healthy (a service that cannot reach Kafka at start exits) is
   * tried again, as a supervisor would, up to {@code starts} times in all.
   */
  public JvmProcess startAgain(Service service, String name, JvmProcess killed, int starts) {
    for (int start = 1; ; start++) {
      JvmProcess process = killed.startAgain();
      processes.add(process);
      try {
        awaitReady(service, ports.get(name), List.of(process));
        return process;
      } catch (IllegalStateException e) {
        if (process.isAlive() || start >= starts) {
          throw e;
        }
        processes.remove(process);
        try {
          Thread.sleep(2000);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted", interrupted);
        }
      }
    }
  }

  /** The HTTP port of the process started as {@code name}. */
  public int port(String name) {
    return ports.get(name);
  }

  /** Whether the process started as {@code name} answers /health with 200 now. */
  public boolean healthy(Service service, String name) {
    return ready(
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build(),
        service,
        ports.get(name));
  }

  private void awaitReady(Service service) {
    awaitReady(service, port(service), processes);
  }

  /** Waits until {@code service} on {@code port} is healthy; fails if one of {@code watched} ends. */
  private void awaitReady(Service service, int port, List<JvmProcess> watched) {
    HttpClient http =
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    Instant deadline = Instant.now().plus(READY_TIMEOUT);
    while (!ready(http, service, port)) {
      watched.forEach(JvmProcess::checkAlive);
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException(
            service.serviceName + " not ready within " + READY_TIMEOUT + "; see the run's logs");
      }
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
  }

  /** /health answers 200; the simulator, which has no /health, accepts a connection. */
  private static boolean ready(HttpClient http, Service service, int port) {
    try {
      if (service == Service.PROVIDER_SIM) {
        new Socket("localhost", port).close();
        return true;
      }
      HttpRequest request = HttpRequest.newBuilder(
              URI.create("http://localhost:" + port + "/health"))
          .timeout(Duration.ofSeconds(2))
          .build();
      return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (java.io.IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  public int port(Service service) {
    return Integer.parseInt(settings.get(service.portKey));
  }

  public List<JvmProcess> processes() {
    return processes;
  }

  /** Stops the services, newest first (SIGTERM by PID, then SIGKILL after 30 s). */
  @Override
  public void close() {
    for (int i = processes.size() - 1; i >= 0; i--) {
      processes.get(i).stop(Duration.ofSeconds(30));
    }
  }
}
