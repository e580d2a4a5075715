package dev.cascade.platform.serde;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real Apicurio Registry 3 for tests, run as its own process: the Quarkus fast-jar that Maven
 * unpacks into {@code target/apicurio-registry} before the ITs ({@code apicurio.registry.home}),
 * started with {@code java -jar quarkus-run.jar}, in-memory storage (H2), its HTTP API and its
 * management interface (health) on free ports of 127.0.0.1, and stopped by PID.
 */
public final class ApicurioRegistry implements AutoCloseable {

  /** The system property naming the unpacked fast-jar (set by failsafe, see the pom). */
  public static final String HOME_PROPERTY = "apicurio.registry.home";

  private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

  private final Process process;
  private final int httpPort;
  private final Path log;
  private final Thread killOnExit;

  private ApicurioRegistry(Process process, int httpPort, Path log) {
    this.process = process;
    this.httpPort = httpPort;
    this.log = log;
    // a test JVM that dies without close() must not leave a registry running
    this.killOnExit = new Thread(process::destroyForcibly, "apicurio-registry-kill");
    Runtime.getRuntime().addShutdownHook(killOnExit);
  }

  /** Starts a registry and waits until its readiness check answers UP. */
  public static ApicurioRegistry start() {
    Path home = home();
    int httpPort = freePort();
    int managementPort = freePort();
    Path log;
    try {
      log = Files.createTempFile(home.getParent(), "apicurio-registry-" + httpPort + "-", ".log");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        // a small heap and quick compilation: the machine running the tests is small and busy
        "-Xmx384m",
        "-XX:TieredStopAtLevel=1",
        "-XX:+UseSerialGC",
        "-Dquarkus.http.host=127.0.0.1",
        "-Dquarkus.http.port=" + httpPort,
        "-Dquarkus.management.host=127.0.0.1",
        "-Dquarkus.management.port=" + managementPort,
        // in-memory storage, gone with the process
        "-Dapicurio.storage.kind=sql",
        "-Dapicurio.storage.sql.kind=h2",
        "-Dapicurio.datasource.url=jdbc:h2:mem:registry",
        "-jar",
        "quarkus-run.jar"));
    Process process;
    try {
      process = new ProcessBuilder(command)
          .directory(home.toFile())
          .redirectErrorStream(true)
          .redirectOutput(log.toFile())
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start Apicurio Registry from " + home, e);
    }
    ApicurioRegistry registry = new ApicurioRegistry(process, httpPort, log);
    try {
      registry.awaitReady(managementPort);
      return registry;
    } catch (RuntimeException e) {
      registry.close();
      throw e;
    }
  }

  private static Path home() {
    String configured = System.getProperty(HOME_PROPERTY);
    Path home = configured != null ? Path.of(configured) : Path.of("target", "apicurio-registry");
    if (!Files.isRegularFile(home.resolve("quarkus-run.jar"))) {
      throw new IllegalStateException("no Apicurio Registry at " + home.toAbsolutePath()
          + " (quarkus-run.jar): run the ITs through Maven (verify), which unpacks"
          + " io.apicurio:apicurio-registry-app:tar.gz:all there");
    }
    return home;
  }

  private void awaitReady(int managementPort) {
    HttpClient http =
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest ready = HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + managementPort + "/health/ready"))
        .timeout(Duration.ofSeconds(5))
        .build();
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("Apicurio Registry exited with " + process.exitValue()
            + " before it was ready; its log: " + tail());
      }
      try {
        if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notListeningYet) {
        // starting: ask again
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted waiting for Apicurio Registry", e);
      }
      sleep(Duration.ofMillis(250));
    }
    throw new IllegalStateException(
        "Apicurio Registry not ready within " + READY_TIMEOUT + "; its log: " + tail());
  }

  private String tail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(unreadable: " + e.getMessage() + ")";
    }
  }

  /** The registry's base address, {@code http://127.0.0.1:port}: {@code schema.registry.url}. */
  public String url() {
    return "http://127.0.0.1:" + httpPort;
  }

  /** The Confluent-compatible API. */
  public String ccompatUrl() {
    return url() + "/apis/ccompat/v7";
  }

  public long pid() {
    return process.pid();
  }

  /** Stops the process by its PID: SIGTERM, then SIGKILL if it has not gone in 20 s. */
  @Override
  public void close() {
    ProcessHandle.of(pid()).ifPresent(handle -> {
      handle.destroy();
      try {
        handle.onExit().get(STOP_TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
      } catch (Exception notGone) {
        handle.destroyForcibly();
      }
    });
    try {
      Runtime.getRuntime().removeShutdownHook(killOnExit);
    } catch (IllegalStateException shuttingDown) {
      // the hook runs anyway
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port for Apicurio Registry", e);
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted waiting for Apicurio Registry", e);
    }
  }
}
