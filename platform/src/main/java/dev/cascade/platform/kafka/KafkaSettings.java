package dev.cascade.platform.kafka;

import dev.cascade.platform.config.ConfigException;
import dev.cascade.platform.config.Settings;
import java.time.Duration;
import java.util.Objects;

/**
 * Where the Kafka cluster is, how Cascade's clients authenticate to it, how Cascade's topics are
 * created on it, and how soon a consumer group notices a member that died ({@code
 * sessionTimeout}: until then nobody works that member's partitions — no command is sent, no
 * timer fires — so Cascade uses 10 s rather than Kafka's 45 s).
 */
public record KafkaSettings(
    String bootstrapServers,
    int partitions,
    short replicationFactor,
    KafkaSecurity security,
    Duration sessionTimeout) {

  public static final Duration DEFAULT_SESSION_TIMEOUT = Duration.ofSeconds(10);

  /** A cluster without authentication or encryption, such as the embedded one. */
  public KafkaSettings(String bootstrapServers, int partitions, short replicationFactor) {
    this(bootstrapServers, partitions, replicationFactor, KafkaSecurity.PLAINTEXT);
  }

  public KafkaSettings(
      String bootstrapServers, int partitions, short replicationFactor, KafkaSecurity security) {
    this(bootstrapServers, partitions, replicationFactor, security, DEFAULT_SESSION_TIMEOUT);
  }

  public KafkaSettings {
    if (bootstrapServers == null || bootstrapServers.isBlank()) {
      throw new ConfigException("kafka.bootstrap.servers", "must name at least one broker");
    }
    if (partitions < 1) {
      throw new ConfigException("kafka.partitions", String.valueOf(partitions), "at least 1");
    }
    if (replicationFactor < 1) {
      throw new ConfigException(
          "kafka.replication.factor", String.valueOf(replicationFactor), "at least 1");
    }
    Objects.requireNonNull(security, "security");
    if (sessionTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new ConfigException("kafka.session.timeout", sessionTimeout.toString(), "at least 1s");
    }
  }

  public static KafkaSettings from(Settings settings) {
    return new KafkaSettings(
        settings.string("kafka.bootstrap.servers", "localhost:9092"),
        settings.integer("kafka.partitions", 6),
        (short) settings.integer("kafka.replication.factor", 1),
        KafkaSecurity.from(settings),
        settings.duration("kafka.session.timeout", DEFAULT_SESSION_TIMEOUT));
  }
}
