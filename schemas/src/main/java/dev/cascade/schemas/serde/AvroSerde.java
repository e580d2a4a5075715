package dev.cascade.schemas.serde;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka {@link Serde} for a generated Avro record in the Avro single-object encoding: a two-byte
 * marker, the writer schema's 64-bit fingerprint, then the binary body. No registry is needed: the
 * decoder knows the current schema and every earlier version shipped in {@link SchemaHistory}, and
 * resolves old writer schemas against the current reader schema.
 */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T> {

  private final Class<T> type;
  private final BinaryMessageEncoder<T> encoder;
  private final BinaryMessageDecoder<T> decoder;

  private AvroSerde(Class<T> type, Schema schema, List<Schema> earlierSchemas) {
    this.type = type;
    SpecificData model = SpecificData.getForSchema(schema);
    this.encoder = new BinaryMessageEncoder<>(model, schema);
    this.decoder = new BinaryMessageDecoder<>(model, schema);
    earlierSchemas.forEach(decoder::addSchema);
  }

  /** A serde for {@code type} that also reads every earlier shipped version of its schema. */
  public static <T extends SpecificRecord> AvroSerde<T> of(Class<T> type) {
    Schema schema = SpecificData.get().getSchema(type);
    return new AvroSerde<>(type, schema, SchemaHistory.earlierVersionsOf(schema.getFullName()));
  }

  /** Encodes one record to single-object bytes. */
  public byte[] encode(T record) {
    try {
      ByteBuffer buffer = encoder.encode(record);
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      return bytes;
    } catch (IOException | AvroRuntimeException e) {
      throw new AvroSerdeException(
          "cannot encode " + type.getSimpleName() + ": " + e.getMessage(), e);
    }
  }

  /** Decodes single-object bytes; {@code topic} only names the source in error messages. */
  public T decode(String topic, byte[] bytes) {
    try {
      return decoder.decode(bytes);
    } catch (MissingSchemaException e) {
      throw new AvroSerdeException(
          "topic " + topic + ": unknown writer schema fingerprint for " + type.getSimpleName(), e);
    } catch (BadHeaderException e) {
      throw new AvroSerdeException(
          "topic " + topic + ": not Avro single-object encoded (" + e.getMessage() + ")", e);
    } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException e) {
      throw new AvroSerdeException(
          "topic " + topic + ": corrupt " + type.getSimpleName() + " record (" + e.getMessage()
              + ")",
          e);
    }
  }

  @Override
  public Serializer<T> serializer() {
    return (topic, data) -> data == null ? null : encode(data);
  }

  @Override
  public Deserializer<T> deserializer() {
    return (topic, data) -> data == null ? null : decode(Objects.toString(topic, "?"), data);
  }
}
