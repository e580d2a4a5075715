package dev.cascade.callbacks.processing;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cascade.callbacks.queue.CallbackState;
import dev.cascade.platform.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The store's values as JSON. The state never leaves this service (its store and changelog), so
 * it needs no shipped schema: Jackson ignores fields it does not know and leaves missing ones
 * null, which is how a newer or older version of this service reads it.
 */
final class StateSerde {

  private static final ObjectMapper MAPPER = Json.mapper();

  private StateSerde() {}

  static Serde<CallbackState> serde() {
    Serializer<CallbackState> serializer =
        (topic, state) -> state == null ? null : Json.bytes(state);
    Deserializer<CallbackState> deserializer = (topic, bytes) -> {
      if (bytes == null) {
        return null;
      }
      try {
        return MAPPER.readValue(bytes, CallbackState.class);
      } catch (IOException e) {
        throw new UncheckedIOException("unreadable callback state", e);
      }
    };
    return Serdes.serdeFrom(serializer, deserializer);
  }
}
