package dev.cascade.schemas.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Objects;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
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
  /** The single-object header: the marker {@code C3 01}, then the schema's fingerprint. */
  private final byte[] header;

  private final DatumWriter<T> writer;
  /** Each thread's output buffer and encoder, reused from one record to the next. */
  private final ThreadLocal<Output> outputs = ThreadLocal.withInitial(Output::new);

  private final BinaryMessageDecoder<T> decoder;

  private AvroSerde(Class<T> type, Schema schema, List<Schema> earlierSchemas) {
    this.type = type;
    SpecificData model = SpecificData.getForSchema(schema);
    this.header = header(schema);
    this.writer = new SpecificDatumWriter<>(schema, model);
    this.decoder = new BinaryMessageDecoder<>(model, schema);
    earlierSchemas.forEach(decoder::addSchema);
  }

  /** A serde for {@code type} that also reads every earlier shipped version of its schema. */
  public static <T extends SpecificRecord> AvroSerde<T> of(Class<T> type) {
    Schema schema = SpecificData.get().getSchema(type);
    return new AvroSerde<>(type, schema, SchemaHistory.earlierVersionsOf(schema.getFullName()));
  }

  /**
   * Encodes one record to single-object bytes, the same bytes as Avro's {@link
   * org.apache.avro.message.BinaryMessageEncoder}, through a buffered encoder: Avro's message
   * encoder writes every byte through to its stream (a direct encoder), which cost fallback-timer
   * more than any other part of writing its state.
   */
  public byte[] encode(T record) {
    Output output = outputs.get();
    try {
      output.bytes.reset();
      output.bytes.write(header);
      output.encoder = EncoderFactory.get().binaryEncoder(output.bytes, output.encoder);
      writer.write(record, output.encoder);
      output.encoder.flush();
      return output.bytes.toByteArray();
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

  private static byte[] header(Schema schema) {
    byte[] fingerprint;
    try {
      fingerprint = SchemaNormalization.parsingFingerprint("CRC-64-AVRO", schema);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Avro has no CRC-64-AVRO fingerprint", e);
    }
    byte[] header = new byte[2 + fingerprint.length];
    header[0] = (byte) 0xC3;
    header[1] = (byte) 0x01;
    System.arraycopy(fingerprint, 0, header, 2, fingerprint.length);
    return header;
  }

  /** A thread's buffer for encoded records and the encoder that writes into it. */
  private static final class Output {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
    BinaryEncoder encoder;
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
