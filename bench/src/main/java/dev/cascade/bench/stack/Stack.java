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

  private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

  private final List<JvmProcess> processes;
  private final Map<String, String> settings;

  private Stack(List<JvmProcess> processes, Map<String, String> settings) {
    this.processes = processes;
    this.settings = settings;
  }

  /** Starts {@code services} (in dependency order) and waits until every one is healthy. */
  public static Stack start(
      Layout layout,
      List<Service> services,
      String bootstrapServers,
      int partitions,
      Path runDir,
      List<String> jvmOptions) {
    Map<String, String> settings = settings(bootstrapServers, partitions, runDir);
    Map<String, String> environment = new HashMap<>();
    settings.forEach((key, value) -> environment.put(Settings.environmentName(key), value));
    List<JvmProcess> processes = new ArrayList<>();
    Stack stack = new Stack(processes, settings);
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

  private void awaitReady(Service service) {
    int port = port(service);
    HttpClient http =
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    Instant deadline = Instant.now().plus(READY_TIMEOUT);
    while (!ready(http, service, port)) {
      processes.forEach(JvmProcess::checkAlive);
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
