package dev.cascade.platform.kafka;

import org.apache.kafka.common.serialization.Serde;

/** A topic with the serdes of its keys and values: the only way code names a topic. */
public record TopicSpec<K, V>(
    String name, Serde<K> keySerde, Serde<V> valueSerde, boolean compacted) {

  public static <K, V> TopicSpec<K, V> of(String name, Serde<K> keySerde, Serde<V> valueSerde) {
    return new TopicSpec<>(name, keySerde, valueSerde, false);
  }

  /** The dead-letter topic beside this one: raw bytes plus error headers. */
  public String dlqName() {
    return name + ".dlq";
  }
}
