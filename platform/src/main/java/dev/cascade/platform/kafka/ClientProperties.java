package dev.cascade.platform.kafka;

import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The one place Kafka client properties are built from {@link KafkaSettings}: producers,
 * consumers, the admin client and Kafka Streams (which starts from {@link #common}) all carry the
 * cluster's address and its {@link KafkaSecurity} settings.
 */
public final class ClientProperties {

  private ClientProperties() {}

  /** An idempotent producer that waits for all in-sync replicas: nothing acknowledged is lost. */
  public static Properties producer(KafkaSettings kafka, String clientId) {
    Properties props = common(kafka, clientId);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    return props;
  }

  /** A consumer in {@code groupId} that commits only explicitly (after its work is done). */
  public static Properties consumer(KafkaSettings kafka, String clientId, String groupId) {
    Properties props = common(kafka, clientId);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    props.putAll(groupMembership(kafka));
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    return props;
  }

  /**
   * A consumer outside any group that reads partitions it assigns itself and commits nothing (it
   * starts from a time, e.g. send-intake's recent-activity counts); committed records only.
   */
  public static Properties reader(KafkaSettings kafka, String clientId) {
    Properties props = common(kafka, clientId);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    return props;
  }

  /**
   * How a group member shows it is alive ({@code kafka.session.timeout}): a member silent that long
   * is dropped and its partitions go to the others; heartbeats every quarter of it. For consumers
   * in a group and for Kafka Streams (which passes these on to its consumers).
   */
  public static Properties groupMembership(KafkaSettings kafka) {
    Properties props = new Properties();
    props.put(
        ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) kafka.sessionTimeout().toMillis());
    props.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int)
        kafka.sessionTimeout().dividedBy(4).toMillis());
    return props;
  }

  /** An admin client, e.g. to create topics. */
  public static Properties admin(KafkaSettings kafka, String clientId) {
    return common(kafka, clientId);
  }

  /** What every client needs: where the cluster is and how to authenticate and encrypt. */
  public static Properties common(KafkaSettings kafka, String clientId) {
    Properties props = new Properties();
    props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    props.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
    kafka.security().applyTo(props);
    return props;
  }
}
