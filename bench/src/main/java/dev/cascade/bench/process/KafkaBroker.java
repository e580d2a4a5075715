package dev.cascade.bench.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The standalone broker of {@code bin/cascade kafka} (KRaft, broker and controller in one JVM), in
 * its own process with its data in {@code runDir/kafka}, on free ports.
 */
public final class KafkaBroker implements AutoCloseable {

  private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

  private final JvmProcess process;
  private final String bootstrapServers;
  private final Path root;
  private final Path runDir;
  private final int port;
  private final int controllerPort;

  private KafkaBroker(JvmProcess process, Path root, Path runDir, int port, int controllerPort) {
    this.process = process;
    this.bootstrapServers = "localhost:" + port;
    this.root = root;
    this.runDir = runDir;
    this.port = port;
    this.controllerPort = controllerPort;
  }

  /** Starts the broker from the repository at {@code root} and waits until it answers. */
  public static KafkaBroker start(Path root, Path runDir) {
    return start(root, runDir, freePort(), freePort());
  }

  /** Stops it cleanly (SIGTERM by its PID, SIGKILL after 60 s). */
  public void stop() {
    process.stop(java.time.Duration.ofSeconds(60));
  }

  /** Starts it again after {@link #stop()}, on the same data and ports; waits until it answers. */
  public KafkaBroker startAgain() {
    return start(root, runDir, port, controllerPort);
  }

  private static KafkaBroker start(Path root, Path runDir, int port, int controllerPort) {
    Path data = runDir.resolve("kafka");
    JvmProcess process = JvmProcess.start(
        "kafka",
        List.of(
            root.resolve("bin/kafka-standalone").toString(),
            "--data",
            data.toString(),
            "--port",
            String.valueOf(port),
            "--controller-port",
            String.valueOf(controllerPort)),
        Map.of(),
        runDir.resolve("kafka.log"));
    KafkaBroker broker = new KafkaBroker(process, root, runDir, port, controllerPort);
    try {
      broker.awaitReady();
    } catch (RuntimeException e) {
      broker.close();
      throw e;
    }
    return broker;
  }

  private void awaitReady() {
    Instant deadline = Instant.now().plus(READY_TIMEOUT);
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000);
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2_000);
    try (Admin admin = Admin.create(props)) {
      while (true) {
        process.checkAlive();
        try {
          admin.describeCluster().nodes().get();
          return;
        } catch (Exception e) {
          if (Instant.now().isAfter(deadline)) {
            throw new IllegalStateException(
                "the broker did not answer within " + READY_TIMEOUT + "; see " + process.log(), e);
          }
          sleep(500);
        }
      }
    }
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  public JvmProcess process() {
    return process;
  }

  /** A TCP port free now (bound and released; good enough on loopback for one run). */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port", e);
    }
  }

  /** Creates a fresh directory for one run's data and logs under {@code parent}. */
  public static Path runDirectory(Path parent, String name) {
    try {
      Files.createDirectories(parent);
      return Files.createTempDirectory(parent, name + "-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a run directory under " + parent, e);
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  @Override
  public void close() {
    process.stop(Duration.ofSeconds(30));
  }
}
