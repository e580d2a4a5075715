package dev.cascade.fallback.status;

import dev.cascade.fallback.orchestration.MessageState;
import dev.cascade.fallback.processing.OrchestratorProcessor;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** Reads a message's state with interactive queries, or says which instance owns it. */
public final class StatusQueries {

  /** Where a message's state lives: here (with its value, if any) or on another instance. */
  public sealed interface Lookup {
    /** The message's state as this instance holds it (empty: unknown here, the owner). */
    record Local(Optional<MessageState> state) implements Lookup {
      public Optional<MessageView> view() {
        return state.map(MessageView::of);
      }

      /** The fingerprint of its request (for send-intake's idempotency check). */
      public Optional<String> fingerprint() {
        return state.map(s -> s.accepted().fingerprint());
      }

      public Optional<TimelineView> timeline() {
        return state.map(TimelineView::of);
      }
    }

    record Remote(HostInfo owner) implements Lookup {}

    record Unavailable(String reason) implements Lookup {}
  }

  private final KafkaStreams streams;
  private final HostInfo self;

  public StatusQueries(KafkaStreams streams, HostInfo self) {
    this.streams = streams;
    this.self = self;
  }

  public Lookup find(String messageId) {
    if (streams.state() != KafkaStreams.State.RUNNING) {
      return new Lookup.Unavailable("fallback-timer is " + streams.state());
    }
    KeyQueryMetadata metadata = streams.queryMetadataForKey(
        OrchestratorProcessor.MESSAGES_STORE, messageId, Serdes.String().serializer());
    if (metadata == null || KeyQueryMetadata.NOT_AVAILABLE.equals(metadata)) {
      return new Lookup.Unavailable("no instance owns this message right now");
    }
    if (!metadata.activeHost().equals(self)) {
      return new Lookup.Remote(metadata.activeHost());
    }
    ReadOnlyKeyValueStore<String, MessageState> store =
        streams.store(StoreQueryParameters.fromNameAndType(
            OrchestratorProcessor.MESSAGES_STORE,
            QueryableStoreTypes.<String, MessageState>keyValueStore()));
    return new Lookup.Local(Optional.ofNullable(store.get(messageId)));
  }
}
