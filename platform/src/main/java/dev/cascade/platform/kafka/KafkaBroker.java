package dev.cascade.platform.kafka;

/**
 * A Kafka broker a test or the all-in-one started and will stop: the embedded one ({@link
 * EmbeddedKafka}) or, in the tests' Testcontainers mode, one in a container.
 */
public interface KafkaBroker extends AutoCloseable {

  /** Where clients connect, {@code host:port}. */
  String bootstrapServers();

  @Override
  void close();
}
