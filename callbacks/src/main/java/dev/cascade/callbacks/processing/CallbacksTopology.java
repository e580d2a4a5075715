package dev.cascade.callbacks.processing;

import dev.cascade.callbacks.http.CallbackSender;
import dev.cascade.platform.kafka.CascadeTopics;
import java.time.Clock;
import java.util.Random;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * The callbacks service's topology, the only place it is wired: send.requests, message.status and
 * message.outcomes (co-partitioned by messageId, so one task sees a message's request and its
 * events) into one processor with two persistent, changelogged stores; callbacks.deliveries and
 * callbacks.dlq out.
 */
public final class CallbacksTopology {

  private static final String REQUESTS = "send-requests";
  private static final String STATUS = "message-status";
  private static final String OUTCOMES = "message-outcomes";
  private static final String PROCESSOR = "callbacks";

  private CallbacksTopology() {}

  public static Topology build(
      DeliverySettings settings,
      CascadeTopics topics,
      CallbackSender sender,
      CallbackMetrics metrics,
      Clock clock) {
    Topology topology = new Topology();
    topology.addSource(
        REQUESTS,
        topics.sendRequests.keySerde().deserializer(),
        topics.sendRequests.valueSerde().deserializer(),
        topics.sendRequests.name());
    topology.addSource(
        org.apache.kafka.streams.AutoOffsetReset.earliest(),
        STATUS,
        new AfterItsRequest(),
        topics.messageStatus.keySerde().deserializer(),
        topics.messageStatus.valueSerde().deserializer(),
        topics.messageStatus.name());
    topology.addSource(
        org.apache.kafka.streams.AutoOffsetReset.earliest(),
        OUTCOMES,
        new AfterItsRequest(),
        topics.messageOutcomes.keySerde().deserializer(),
        topics.messageOutcomes.valueSerde().deserializer(),
        topics.messageOutcomes.name());
    Outputs outputs = new Outputs();
    topology.addProcessor(
        PROCESSOR,
        () -> new DeliveryProcessor(settings, sender, metrics, clock, new Random(), outputs),
        REQUESTS,
        STATUS,
        OUTCOMES);
    topology.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(DeliveryProcessor.STATES),
            Serdes.String(),
            StateSerde.serde()),
        PROCESSOR);
    topology.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(DeliveryProcessor.DUE),
            Serdes.Bytes(),
            Serdes.ByteArray()),
        PROCESSOR);
    topology.addSink(
        Outputs.DELIVERIES_SINK,
        topics.callbackDeliveries.name(),
        topics.callbackDeliveries.keySerde().serializer(),
        topics.callbackDeliveries.valueSerde().serializer(),
        PROCESSOR);
    topology.addSink(
        Outputs.DLQ_SINK,
        topics.callbacksDlq,
        new StringSerializer(),
        new ByteArraySerializer(),
        PROCESSOR);
    return topology;
  }
}
