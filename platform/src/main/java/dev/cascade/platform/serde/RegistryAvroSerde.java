package dev.cascade.platform.serde;

import dev.cascade.schemas.serde.AvroSerdeException;
import io.apicurio.registry.serde.Legacy4ByteIdHandler;
import io.apicurio.registry.serde.SerdeConfig;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerdeConfig;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.apicurio.registry.serde.config.IdOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A value serde in the Confluent wire format against a schema registry: magic byte 0, the schema's
 * 4-byte id, then the Avro binary body. Apicurio's Avro serde does the work: the schema is found
 * (or registered) under the subject {@code <topic>-value}, the id written is the registry's
 * content id — the id Confluent-compatible clients see under {@code /apis/ccompat/v7} — and a
 * record is read with the writer schema the id names, resolved to the generated class.
 */
final class RegistryAvroSerde<T extends SpecificRecord> implements Serde<T> {

  /** The first byte of every record in the Confluent wire format. */
  static final byte MAGIC_BYTE = 0;

  /** Magic byte and 4-byte id: the shortest a record can be. */
  static final int HEADER_LENGTH = 5;

  private final Class<T> type;
  private final AvroKafkaSerializer<T> serializer = new AvroKafkaSerializer<>();
  private final AvroKafkaDeserializer<T> deserializer = new AvroKafkaDeserializer<>();

  private RegistryAvroSerde(Class<T> type, SchemaRegistrySettings registry) {
    this.type = type;
    Map<String, Object> config = config(registry);
    serializer.configure(config, false);
    deserializer.configure(config, false);
  }

  static <T extends SpecificRecord> RegistryAvroSerde<T> of(
      Class<T> type, SchemaRegistrySettings registry) {
    return new RegistryAvroSerde<>(type, registry);
  }

  /** The Apicurio settings for the Confluent wire format with our generated classes. */
  static Map<String, Object> config(SchemaRegistrySettings registry) {
    Map<String, Object> config = new HashMap<>();
    config.put(SerdeConfig.REGISTRY_URL, registry.apicurioApiUrl());
    config.put(SerdeConfig.AUTO_REGISTER_ARTIFACT, registry.autoRegister());
    // the id goes in the payload, not in Kafka headers ...
    config.put(SerdeConfig.ENABLE_HEADERS, false);
    // ... as 4 bytes after the magic byte (Apicurio's own format has 8); set as the handler class,
    // not as-confluent, which the serde would report as clashing with the default handler
    config.put(SerdeConfig.ID_HANDLER, Legacy4ByteIdHandler.class.getName());
    // the content id: what the Confluent-compatible API calls the schema id
    config.put(SerdeConfig.USE_ID, IdOption.contentId.name());
    // read into the generated class (the writer schema is resolved to the class's schema)
    config.put(AvroKafkaSerdeConfig.USE_SPECIFIC_AVRO_READER, true);
    registry.username().ifPresent(user -> config.put(SerdeConfig.AUTH_USERNAME, user));
    registry.password().ifPresent(password -> config.put(SerdeConfig.AUTH_PASSWORD, password));
    return config;
  }

  @Override
  public Serializer<T> serializer() {
    return new Serializer<>() {
      @Override
      public byte[] serialize(String topic, T data) {
        return serialize(topic, null, data);
      }

      @Override
      public byte[] serialize(String topic, Headers headers, T data) {
        if (data == null) {
          return null;
        }
        try {
          return serializer.serialize(topic, headers, data);
        } catch (RuntimeException e) {
          throw new AvroSerdeException(
              "topic " + topic + ": cannot encode " + type.getSimpleName()
                  + " through the schema registry (" + e.getMessage() + ")",
              e);
        }
      }
    };
  }

  @Override
  public Deserializer<T> deserializer() {
    return new Deserializer<>() {
      @Override
      public T deserialize(String topic, byte[] data) {
        return deserialize(topic, null, data);
      }

      @Override
      public T deserialize(String topic, Headers headers, byte[] data) {
        if (data == null) {
          return null;
        }
        String source = Objects.toString(topic, "?");
        if (data.length < HEADER_LENGTH || data[0] != MAGIC_BYTE) {
          throw new AvroSerdeException(
              "topic " + source + ": not in the schema-registry wire format (magic byte 0 and a"
                  + " 4-byte schema id) — is a producer still in serde.mode=single-object?",
              null);
        }
        Object decoded;
        try {
          // no headers: the id is in the payload, and a stray header must not be taken for one
          decoded = deserializer.deserialize(topic, data);
        } catch (RuntimeException e) {
          throw new AvroSerdeException(
              "topic " + source + ": cannot decode " + type.getSimpleName()
                  + " through the schema registry (" + e.getMessage() + ")",
              e);
        }
        if (!type.isInstance(decoded)) {
          throw new AvroSerdeException(
              "topic " + source + ": expected " + type.getSimpleName() + " but the record's schema"
                  + " is " + (decoded == null ? "null" : decoded.getClass().getName()),
              null);
        }
        return type.cast(decoded);
      }
    };
  }
}
