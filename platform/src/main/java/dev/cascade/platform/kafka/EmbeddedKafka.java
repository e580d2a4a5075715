package dev.cascade.platform.kafka;

import java.util.Map;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apache Kafka broker (KRaft, one combined broker+controller node) running in this JVM,
 * for tests and the all-in-one. Needs the broker artifacts on the classpath (kafka_2.13,
 * kafka-server-common, kafka-test-common-runtime), which services do not carry.
 */
public final class EmbeddedKafka implements AutoCloseable {

  private static final Logger LOGGER = LoggerFactory.getLogger(EmbeddedKafka.class);
  private static final String FIXED_LISTENER = "DEV";

  private final KafkaClusterTestKit cluster;
  private final String bootstrapServers;
  private boolean closed;

  private EmbeddedKafka(KafkaClusterTestKit cluster, String bootstrapServers) {
    this.cluster = cluster;
    this.bootstrapServers = bootstrapServers;
  }

  /** A broker on a free port. */
  public static EmbeddedKafka start() {
    return start(0);
  }

  /**
   * A broker whose clients connect on {@code port} (0: any free port). A fixed port is served by
   * an extra listener, because the test kit pre-binds its own listeners to random ports.
   */
  public static EmbeddedKafka start(int port) {
    long started = System.nanoTime();
    try {
      TestKitNodes nodes = new TestKitNodes.Builder()
          .setCombined(true)
          .setNumBrokerNodes(1)
          .setNumControllerNodes(1)
          .setBootstrapMetadataVersion(MetadataVersion.latestProduction())
          .build();
      KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes);
      brokerDefaults().forEach(builder::setConfigProp);
      if (port > 0) {
        builder.setConfigProp(
            "listeners",
            "EXTERNAL://localhost:0,CONTROLLER://localhost:0," + FIXED_LISTENER + "://localhost:"
                + port);
        builder.setConfigProp(
            "listener.security.protocol.map",
            "EXTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT," + FIXED_LISTENER + ":PLAINTEXT");
      }
      KafkaClusterTestKit cluster = builder.build();
      cluster.format();
      cluster.startup();
      cluster.waitForReadyBrokers();
      String bootstrap = port > 0 ? "localhost:" + port : cluster.bootstrapServers();
      LOGGER
          .atInfo()
          .addKeyValue("bootstrapServers", bootstrap)
          .addKeyValue("startupMillis", (System.nanoTime() - started) / 1_000_000)
          .log("embedded Kafka broker ready");
      return new EmbeddedKafka(cluster, bootstrap);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting the embedded broker", e);
    } catch (Exception e) {
      throw new IllegalStateException(
          "cannot start the embedded Kafka broker: " + e.getMessage(), e);
    }
  }

  /**
   * Single-broker settings: internal topics with replication 1, or consumer groups and
   * transactions silently stall waiting for replicas that do not exist.
   */
  private static Map<String, Object> brokerDefaults() {
    return Map.of(
        "offsets.topic.replication.factor", "1",
        "offsets.topic.num.partitions", "6",
        "transaction.state.log.replication.factor", "1",
        "transaction.state.log.min.isr", "1",
        "transaction.state.log.num.partitions", "6",
        "share.coordinator.state.topic.replication.factor", "1",
        "share.coordinator.state.topic.min.isr", "1",
        "group.initial.rebalance.delay.ms", "0",
        "auto.create.topics.enable", "false");
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      cluster.close();
    } catch (Exception e) {
      LOGGER.atWarn().setCause(e).log("embedded Kafka broker did not close cleanly");
    }
  }
}
