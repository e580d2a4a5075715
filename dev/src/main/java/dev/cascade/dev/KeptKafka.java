package dev.cascade.dev;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apache Kafka broker in this JVM whose log directory is kept: KRaft combined mode (one
 * node, broker and controller), configured as {@code bin/kafka-standalone} configures its own.
 * The directory is formatted ({@code kafka-storage format --standalone}) on first use only, so
 * stopping and starting again keeps every record the broker acknowledged. The embedded broker of
 * the tests ({@code EmbeddedKafka}, Kafka's test kit) deletes its directory on close; this one
 * does not.
 *
 * <p>The controller port is part of the formatted log (the voter's endpoint), so a directory is
 * always started with the same ports.
 */
public final class KeptKafka implements AutoCloseable {

  private static final Logger LOGGER = LoggerFactory.getLogger(KeptKafka.class);
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

  private final KafkaRaftServer server;
  private final String bootstrapServers;

  private KeptKafka(KafkaRaftServer server, String bootstrapServers) {
    this.server = server;
    this.bootstrapServers = bootstrapServers;
  }

  /** Starts a broker on {@code port} (controller on {@code controllerPort}), data under {@code dir}. */
  public static KeptKafka start(Path dir, int port, int controllerPort) {
    long started = System.nanoTime();
    try {
      Files.createDirectories(dir);
      Path logs = dir.toAbsolutePath().resolve("logs");
      Properties properties = properties(logs, port, controllerPort);
      if (!Files.exists(logs.resolve("meta.properties"))) {
        format(dir, properties);
      }
      KafkaRaftServer server =
          new KafkaRaftServer(KafkaConfig.fromProps(properties, false), Time.SYSTEM);
      server.startup();
      KeptKafka kafka = new KeptKafka(server, "localhost:" + port);
      try {
        kafka.awaitReady();
      } catch (RuntimeException e) {
        kafka.close();
        throw e;
      }
      LOGGER
          .atInfo()
          .addKeyValue("bootstrapServers", kafka.bootstrapServers)
          .addKeyValue("dir", logs)
          .addKeyValue("startupMillis", (System.nanoTime() - started) / 1_000_000)
          .log("Kafka broker ready, data kept");
      return kafka;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot use the Kafka data directory " + dir, e);
    }
  }

  /** The settings of bin/kafka-standalone's server.properties, for one node. */
  private static Properties properties(Path logs, int port, int controllerPort) {
    Properties properties = new Properties();
    properties.putAll(Map.ofEntries(
        Map.entry("process.roles", "broker,controller"),
        Map.entry("node.id", "1"),
        Map.entry("controller.quorum.bootstrap.servers", "localhost:" + controllerPort),
        Map.entry(
            "listeners",
            "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort),
        Map.entry("advertised.listeners", "PLAINTEXT://localhost:" + port),
        Map.entry("controller.listener.names", "CONTROLLER"),
        Map.entry("inter.broker.listener.name", "PLAINTEXT"),
        Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
        Map.entry("log.dirs", logs.toString()),
        // one node: internal topics with one replica, or consumer groups and transactions stall
        Map.entry("offsets.topic.num.partitions", "6"),
        Map.entry("transaction.state.log.num.partitions", "6"),
        Map.entry("offsets.topic.replication.factor", "1"),
        Map.entry("transaction.state.log.replication.factor", "1"),
        Map.entry("transaction.state.log.min.isr", "1"),
        Map.entry("share.coordinator.state.topic.replication.factor", "1"),
        Map.entry("share.coordinator.state.topic.min.isr", "1"),
        Map.entry("group.initial.rebalance.delay.ms", "0"),
        Map.entry("auto.create.topics.enable", "false")));
    return properties;
  }

  /** {@code kafka-storage format --standalone}, as bin/kafka-standalone does on first use. */
  private static void format(Path dir, Properties properties) throws IOException {
    Path config = dir.resolve("server.properties");
    try (var out = Files.newBufferedWriter(config)) {
      properties.store(out, "written by bin/cascade dev to format the log directory");
    }
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    int exit;
    try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
      exit = StorageTool.execute(
          new String[] {
            "format",
            "--standalone",
            "-t",
            Uuid.randomUuid().toString(),
            "-c",
            config.toAbsolutePath().toString()
          },
          print);
    }
    if (exit != 0) {
      throw new IllegalStateException("cannot format the Kafka log directory under " + dir + ": "
          + output.toString(StandardCharsets.UTF_8));
    }
  }

  private void awaitReady() {
    Instant deadline = Instant.now().plus(READY_TIMEOUT);
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000);
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2_000);
    try (Admin admin = Admin.create(props)) {
      while (true) {
        try {
          admin.describeCluster().nodes().get();
          return;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while the broker started", e);
        } catch (Exception e) {
          if (Instant.now().isAfter(deadline)) {
            throw new IllegalStateException(
                "the Kafka broker did not answer within " + READY_TIMEOUT, e);
          }
          try {
            Thread.sleep(200);
          } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the broker started", interrupted);
          }
        }
      }
    }
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** A clean shutdown: the logs are flushed and the next start needs no recovery. */
  @Override
  public void close() {
    server.shutdown();
    server.awaitShutdown();
  }
}
