package dev.cascade.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cascade.schemas.Channel;
import dev.cascade.schemas.Content;
import dev.cascade.schemas.SendRequest;
import dev.cascade.schemas.Step;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.junit.jupiter.api.Test;

class AvroSerdeTest {

  private final AvroSerde<SendRequest> serde = AvroSerde.of(SendRequest.class);

  @Test
  void roundTripsARecordWithTheSingleObjectHeader() {
    // given
    SendRequest request = sampleRequest();

    // when
    byte[] bytes = serde.serializer().serialize("send.requests", request);

    // then: marker C3 01, then the 8-byte little-endian CRC-64-AVRO fingerprint of the schema
    assertThat(bytes[0]).isEqualTo((byte) 0xC3);
    assertThat(bytes[1]).isEqualTo((byte) 0x01);
    long fingerprint =
        ByteBuffer.wrap(bytes, 2, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
    assertThat(fingerprint)
        .isEqualTo(SchemaNormalization.parsingFingerprint64(SendRequest.getClassSchema()));
    assertThat(serde.deserializer().deserialize("send.requests", bytes)).isEqualTo(request);
  }

  @Test
  void writesTheSameBytesAsAvrosOwnMessageEncoderRecordAfterRecord() throws Exception {
    // given Avro's single-object encoder, and records of different sizes one after the other
    BinaryMessageEncoder<SendRequest> avros = SendRequest.getEncoder();
    SendRequest small = sampleRequest();
    SendRequest large =
        SendRequest.newBuilder(small).setMessageId("m-" + "x".repeat(5_000)).build();

    for (SendRequest request : List.of(large, small, large, small)) {
      // when
      byte[] ours = serde.encode(request);

      // then: byte for byte, the buffer reused between records leaving nothing behind
      ByteBuffer theirs = avros.encode(request);
      byte[] expected = new byte[theirs.remaining()];
      theirs.get(expected);
      assertThat(ours).isEqualTo(expected);
    }
  }

  @Test
  void unknownFingerprintNamesTheTopic() {
    // given: a record written with a schema the serde has never seen
    Schema foreign = new Schema.Parser()
        .parse(
            "{\"type\":\"record\",\"name\":\"Foreign\",\"fields\":[{\"name\":\"x\",\"type\":\"int\"}]}");
    GenericRecord record = new GenericData.Record(foreign);
    record.put("x", 1);
    byte[] bytes =
        toBytes(new BinaryMessageEncoder<GenericRecord>(GenericData.get(), foreign), record);

    // then
    assertThatThrownBy(() -> serde.deserializer().deserialize("send.requests", bytes))
        .isInstanceOf(AvroSerdeException.class)
        .hasMessageContaining("send.requests")
        .hasMessageContaining("unknown writer schema fingerprint");
  }

  @Test
  void bytesWithoutTheHeaderAreRejectedWithTheTopicName() {
    assertThatThrownBy(
            () -> serde.deserializer().deserialize("send.requests", "{\"to\":1}".getBytes()))
        .isInstanceOf(AvroSerdeException.class)
        .hasMessageContaining("send.requests")
        .hasMessageContaining("not Avro single-object encoded");
  }

  @Test
  void truncatedBodyIsReportedAsCorrupt() {
    byte[] bytes = serde.serializer().serialize("send.requests", sampleRequest());
    byte[] truncated = java.util.Arrays.copyOf(bytes, 14);

    assertThatThrownBy(() -> serde.deserializer().deserialize("send.requests", truncated))
        .isInstanceOf(AvroSerdeException.class)
        .hasMessageContaining("corrupt SendRequest");
  }

  @Test
  void decodesRecordsWrittenWithAnEarlierShippedSchema() {
    // given: the oldest shipped version of SendRequest, used as a writer schema
    Schema writer = SchemaHistory.earlierVersionsOf(SendRequest.getClassSchema().getFullName())
        .getFirst();
    GenericRecord old =
        (GenericRecord) GenericData.get().deepCopy(writer, toGeneric(sampleRequest(), writer));
    byte[] bytes = toBytes(new BinaryMessageEncoder<GenericRecord>(GenericData.get(), writer), old);

    // when
    SendRequest decoded = serde.deserializer().deserialize("send.requests", bytes);

    // then
    assertThat(decoded.getMessageId()).isEqualTo("txn-1");
    assertThat(decoded.getSteps()).hasSize(1);
  }

  private static GenericRecord toGeneric(SendRequest request, Schema writer) {
    byte[] body = AvroSerde.of(SendRequest.class).encode(request);
    // read today's encoding into the older schema, as a consumer of that version would
    try {
      var decoder = new org.apache.avro.message.BinaryMessageDecoder<GenericRecord>(
          GenericData.get(), writer);
      decoder.addSchema(SendRequest.getClassSchema());
      return decoder.decode(ByteBuffer.wrap(body), null);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static byte[] toBytes(BinaryMessageEncoder<GenericRecord> encoder, GenericRecord record) {
    try {
      ByteBuffer buffer = encoder.encode(record);
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      return bytes;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static SendRequest sampleRequest() {
    return SendRequest.newBuilder()
        .setMessageId("txn-1")
        .setTo("+393401231100")
        .setSteps(List.of(Step.newBuilder()
            .setChannel(Channel.SMS)
            .setSender("BancaAdri")
            .setContent(Content.newBuilder().setText("Ciao").build())
            .build()))
        .setReceivedAt(Instant.ofEpochMilli(1_700_000_000_000L))
        .build();
  }
}
