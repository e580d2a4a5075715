package dev.cascade.platform.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.network.ListenerName;
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
public final class EmbeddedKafka implements KafkaBroker {

  private static final Logger LOGGER = LoggerFactory.getLogger(EmbeddedKafka.class);
  private static final String FIXED_LISTENER = "DEV";
  private static final String SCRAM_LISTENER = "SCRAM";
  private static final List<String> SCRAM_MECHANISMS = List.of("SCRAM-SHA-256", "SCRAM-SHA-512");
  private static final Duration SCRAM_READY = Duration.ofSeconds(30);

  /** A user a broker's SCRAM listener knows, with SCRAM-SHA-256 and SCRAM-SHA-512 credentials. */
  public record ScramUser(String name, String password) {
    @Override
    public String toString() {
      return "ScramUser[name=" + name + ", password=***]";
    }
  }

  private final KafkaClusterTestKit cluster;
  private final String bootstrapServers;
  private final String scramBootstrapServers;
  private boolean closed;

  private EmbeddedKafka(
      KafkaClusterTestKit cluster, String bootstrapServers, String scramBootstrapServers) {
    this.cluster = cluster;
    this.bootstrapServers = bootstrapServers;
    this.scramBootstrapServers = scramBootstrapServers;
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
    return start(port, null);
  }

  /**
   * A broker on a free port that also serves a SASL_PLAINTEXT listener where {@code user}
   * authenticates with SCRAM-SHA-256 or SCRAM-SHA-512 ({@link #scramBootstrapServers()}). The
   * credentials are created through the Admin API on the plaintext listener, as an operator would
   * with {@code kafka-configs.sh --alter --add-config SCRAM-SHA-256=[password=...]}.
   */
  public static EmbeddedKafka startWithScram(ScramUser user) {
    return start(0, user);
  }

  private static EmbeddedKafka start(int port, ScramUser scramUser) {
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
      List<String> listeners =
          new ArrayList<>(List.of("EXTERNAL://localhost:0", "CONTROLLER://localhost:0"));
      List<String> protocols =
          new ArrayList<>(List.of("EXTERNAL:PLAINTEXT", "CONTROLLER:PLAINTEXT"));
      if (port > 0) {
        listeners.add(FIXED_LISTENER + "://localhost:" + port);
        protocols.add(FIXED_LISTENER + ":PLAINTEXT");
      }
      if (scramUser != null) {
        listeners.add(SCRAM_LISTENER + "://localhost:0");
        protocols.add(SCRAM_LISTENER + ":SASL_PLAINTEXT");
        scramListener().forEach(builder::setConfigProp);
      }
      if (listeners.size() > 2) {
        builder.setConfigProp("listeners", String.join(",", listeners));
        builder.setConfigProp("listener.security.protocol.map", String.join(",", protocols));
      }
      KafkaClusterTestKit cluster = builder.build();
      cluster.format();
      cluster.startup();
      cluster.waitForReadyBrokers();
      String bootstrap = port > 0 ? "localhost:" + port : cluster.bootstrapServers();
      String scramBootstrap = null;
      if (scramUser != null) {
        try {
          scramBootstrap = addScramUser(cluster, scramUser);
        } catch (Exception e) {
          cluster.close();
          throw e;
        }
      }
      LOGGER
          .atInfo()
          .addKeyValue("bootstrapServers", bootstrap)
          .addKeyValue("startupMillis", (System.nanoTime() - started) / 1_000_000)
          .log("embedded Kafka broker ready");
      return new EmbeddedKafka(cluster, bootstrap, scramBootstrap);
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

  /**
   * The SCRAM listener's settings: SCRAM-SHA-256 and -512, each with the server-side login module
   * (it needs no user of its own: inter-broker traffic stays on the plaintext listener).
   */
  private static Map<String, Object> scramListener() {
    String prefix = "listener.name." + SCRAM_LISTENER.toLowerCase(Locale.ROOT) + ".";
    Map<String, Object> props = new HashMap<>();
    props.put(prefix + "sasl.enabled.mechanisms", String.join(",", SCRAM_MECHANISMS));
    for (String mechanism : SCRAM_MECHANISMS) {
      props.put(
          prefix + mechanism.toLowerCase(Locale.ROOT) + ".sasl.jaas.config",
          "org.apache.kafka.common.security.scram.ScramLoginModule required;");
    }
    return props;
  }

  /**
   * Creates {@code user}'s SCRAM credentials and waits until the broker takes them (they reach it
   * through the metadata log); returns the SCRAM listener's address.
   */
  private static String addScramUser(KafkaClusterTestKit cluster, ScramUser user) throws Exception {
    try (Admin admin = Admin.create(
        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()))) {
      // one mechanism per request: the broker refuses two changes of one user in one request
      for (ScramMechanism mechanism :
          List.of(ScramMechanism.SCRAM_SHA_256, ScramMechanism.SCRAM_SHA_512)) {
        admin
            .alterUserScramCredentials(List.of(upsertion(user, mechanism)))
            .all()
            .get();
      }
    }
    int port = cluster
        .brokers()
        .values()
        .iterator()
        .next()
        .boundPort(ListenerName.normalised(SCRAM_LISTENER));
    String bootstrap = "localhost:" + port;
    Map<String, Object> login = Map.of(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
        bootstrap,
        AdminClientConfig.SECURITY_PROTOCOL_CONFIG,
        "SASL_PLAINTEXT",
        SaslConfigs.SASL_MECHANISM,
        "SCRAM-SHA-256",
        SaslConfigs.SASL_JAAS_CONFIG,
        new KafkaSecurity.Sasl("SCRAM-SHA-256", user.name(), user.password()).jaasConfig());
    long deadline = System.nanoTime() + SCRAM_READY.toNanos();
    while (true) {
      try (Admin admin = Admin.create(login)) {
        admin.describeCluster().clusterId().get();
        return bootstrap;
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof SaslAuthenticationException)
            || System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(100); // the credential is not on the broker yet
      }
    }
  }

  private static UserScramCredentialUpsertion upsertion(ScramUser user, ScramMechanism mechanism) {
    return new UserScramCredentialUpsertion(
        user.name(), new ScramCredentialInfo(mechanism, 4096), user.password());
  }

  @Override
  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** The SCRAM listener's address; only a broker from {@link #startWithScram} has one. */
  public String scramBootstrapServers() {
    if (scramBootstrapServers == null) {
      throw new IllegalStateException("this broker has no SCRAM listener: use startWithScram");
    }
    return scramBootstrapServers;
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
