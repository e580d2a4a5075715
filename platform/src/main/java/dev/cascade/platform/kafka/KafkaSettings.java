package dev.cascade.platform.kafka;

import dev.cascade.platform.config.ConfigException;
import dev.cascade.platform.config.Settings;
import java.util.Objects;

/**
 * Where the Kafka cluster is, how Cascade's clients authenticate to it, and how Cascade's topics
 * are created on it.
 */
public record KafkaSettings(
    String bootstrapServers, int partitions, short replicationFactor, KafkaSecurity security) {

  /** A cluster without authentication or encryption, such as the embedded one. */
  public KafkaSettings(String bootstrapServers, int partitions, short replicationFactor) {
    this(bootstrapServers, partitions, replicationFactor, KafkaSecurity.PLAINTEXT);
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
  }

  public static KafkaSettings from(Settings settings) {
    return new KafkaSettings(
        settings.string("kafka.bootstrap.servers", "localhost:9092"),
        settings.integer("kafka.partitions", 6),
        (short) settings.integer("kafka.replication.factor", 1),
        KafkaSecurity.from(settings));
  }
}
