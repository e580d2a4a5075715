package dev.cascade.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cascade.schemas.AttemptRecord;
import dev.cascade.schemas.Channel;
import dev.cascade.schemas.DeliveryStatus;
import dev.cascade.schemas.FinalStatus;
import dev.cascade.schemas.MessageOutcome;
import dev.cascade.schemas.MessageStatus;
import dev.cascade.schemas.internal.MessageState;
import dev.cascade.schemas.internal.Phase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.junit.jupiter.api.Test;

/**
 * Records written by earlier releases, with an earlier shipped schema as the writer schema in the
 * single-object encoding, decode through {@link AvroSerde} into today's generated classes: their
 * fingerprint resolves to that version and Avro's schema resolution fills what it lacked with
 * today's defaults.
 */
class ShippedVersionsDecodeTest {

  private static final long SENT = 1_700_000_000_000L;
  private static final long DELIVERED = 1_700_000_004_000L;

  @Test
  void messageStatusWrittenWithV1DecodesIntoTodaysClass() {
    // given: v1 as first committed, with "final" and an AttemptRecord without
    // deliveredProviderMessageIds
    Schema v1 = version(MessageStatus.getClassSchema(), 1);
    GenericRecord written = new GenericRecordBuilder(v1)
        .set("messageId", "txn-1")
        .set("status", "DELIVERED")
        .set("step", 1)
        .set("channel", symbol(v1.getField("channel").schema().getTypes().get(1), "SMS"))
        .set("final", true)
        .set("attempts", List.of(attemptV1(v1.getField("attempts").schema().getElementType())))
        .set("updatedAt", DELIVERED)
        .build();

    // when
    byte[] bytes = singleObject(v1, written);
    MessageStatus decoded =
        AvroSerde.of(MessageStatus.class).deserializer().deserialize("message.status", bytes);

    // then
    assertThat(fingerprintOf(bytes))
        .isEqualTo(SchemaNormalization.parsingFingerprint64(v1))
        .isNotEqualTo(SchemaNormalization.parsingFingerprint64(MessageStatus.getClassSchema()));
    assertThat(decoded.getMessageId()).isEqualTo("txn-1");
    assertThat(decoded.getStatus()).isEqualTo("DELIVERED");
    assertThat(decoded.getStep()).isEqualTo(1);
    assertThat(decoded.getChannel()).isEqualTo(Channel.SMS);
    assertThat(decoded.getReason()).isNull();
    assertThat(decoded.getUpdatedAt()).isEqualTo(Instant.ofEpochMilli(DELIVERED));
    // v2 renamed "final" to "terminal"; the alias carries a v1 "final": true over
    assertThat(decoded.getTerminal()).isTrue();
    assertThat(decoded.getAttempts())
        .singleElement()
        .satisfies(ShippedVersionsDecodeTest::isTheV1Attempt);
  }

  @Test
  void messageStatusWrittenWithV2KeepsTerminal() {
    // given: v2 has "terminal" but the AttemptRecord still lacks deliveredProviderMessageIds
    Schema v2 = version(MessageStatus.getClassSchema(), 2);
    GenericRecord written = new GenericRecordBuilder(v2)
        .set("messageId", "txn-2")
        .set("status", "DELIVERED")
        .set("terminal", true)
        .set("attempts", List.of(attemptV1(v2.getField("attempts").schema().getElementType())))
        .set("updatedAt", DELIVERED)
        .build();

    // when
    MessageStatus decoded = AvroSerde.of(MessageStatus.class)
        .deserializer()
        .deserialize("message.status", singleObject(v2, written));

    // then
    assertThat(decoded.getTerminal()).isTrue();
    assertThat(decoded.getStep()).isNull();
    assertThat(decoded.getChannel()).isNull();
    assertThat(decoded.getAttempts())
        .singleElement()
        .satisfies(ShippedVersionsDecodeTest::isTheV1Attempt);
  }

  @Test
  void messageOutcomeWrittenWithV1DecodesIntoTodaysClass() {
    // given
    Schema v1 = version(MessageOutcome.getClassSchema(), 1);
    GenericRecord written = new GenericRecordBuilder(v1)
        .set("messageId", "txn-3")
        .set("status", symbol(v1.getField("status").schema(), "DELIVERED"))
        .set("channel", symbol(v1.getField("channel").schema().getTypes().get(1), "SMS"))
        .set("attempts", List.of(attemptV1(v1.getField("attempts").schema().getElementType())))
        .set("fallbackCount", 1)
        .set("acceptedAt", SENT)
        .set("endedAt", DELIVERED)
        .set("timeToFinalMillis", DELIVERED - SENT)
        .build();

    // when
    MessageOutcome decoded = AvroSerde.of(MessageOutcome.class)
        .deserializer()
        .deserialize("message.outcomes", singleObject(v1, written));

    // then
    assertThat(decoded.getMessageId()).isEqualTo("txn-3");
    assertThat(decoded.getStatus()).isEqualTo(FinalStatus.DELIVERED);
    assertThat(decoded.getChannel()).isEqualTo(Channel.SMS);
    assertThat(decoded.getRevision()).isEqualTo(1);
    assertThat(decoded.getFallbackCount()).isEqualTo(1);
    assertThat(decoded.getDoubleDelivered()).isFalse();
    assertThat(decoded.getSimulation()).isFalse();
    assertThat(decoded.getCampaignReferenceId()).isNull();
    assertThat(decoded.getAcceptedAt()).isEqualTo(Instant.ofEpochMilli(SENT));
    assertThat(decoded.getTimeToFinalMillis()).isEqualTo(4_000L);
    assertThat(decoded.getAttempts())
        .singleElement()
        .satisfies(ShippedVersionsDecodeTest::isTheV1Attempt);
  }

  @Test
  void messageStateStoredWithV1IsRestoredIntoTodaysClass() {
    // given: fallback-timer's stored state as first committed
    Schema v1 = version(MessageState.getClassSchema(), 1);
    Schema request = v1.getField("request").schema();
    Schema step = request.getField("steps").schema().getElementType();
    GenericRecord content = new GenericRecordBuilder(step.getField("content").schema())
        .set("text", "Ciao")
        .build();
    GenericRecord written = new GenericRecordBuilder(v1)
        .set(
            "request",
            new GenericRecordBuilder(request)
                .set("messageId", "txn-4")
                .set("to", "+393401231100")
                .set(
                    "steps",
                    List.of(new GenericRecordBuilder(step)
                        .set("channel", symbol(step.getField("channel").schema(), "SMS"))
                        .set("sender", "BancaAdri")
                        .set("content", content)
                        .build()))
                .build())
        .set("requestFingerprint", "f".repeat(64))
        .set("currentStep", 0)
        .set("phase", symbol(v1.getField("phase").schema(), "WAITING"))
        .set("attempts", List.of(attemptV1(v1.getField("attempts").schema().getElementType())))
        .set("acceptedAt", SENT)
        .build();

    // when
    MessageState decoded = AvroSerde.of(MessageState.class)
        .deserializer()
        .deserialize("fallback-timer-messages-changelog", singleObject(v1, written));

    // then
    assertThat(decoded.getRequest().getMessageId()).isEqualTo("txn-4");
    assertThat(decoded.getRequest().getSteps())
        .singleElement()
        .satisfies(s -> assertThat(s.getContent().getText()).isEqualTo("Ciao"));
    assertThat(decoded.getPhase()).isEqualTo(Phase.WAITING);
    assertThat(decoded.getTimerDueAt()).isNull();
    assertThat(decoded.getRevision()).isZero();
    assertThat(decoded.getLastStatus()).isEqualTo("ACCEPTED");
    assertThat(decoded.getAttempts())
        .singleElement()
        .satisfies(ShippedVersionsDecodeTest::isTheV1Attempt);
  }

  /** A delivered two-part SMS attempt in the first AttemptRecord schema. */
  private static GenericRecord attemptV1(Schema attemptRecord) {
    assertThat(attemptRecord.getField("deliveredProviderMessageIds"))
        .as("the first AttemptRecord")
        .isNull();
    return new GenericRecordBuilder(attemptRecord)
        .set("step", 1)
        .set("attemptId", "txn-1:1")
        .set("channel", symbol(attemptRecord.getField("channel").schema(), "SMS"))
        .set("provider", "smpp")
        .set("providerMessageIds", List.of("p-1", "p-2"))
        .set(
            "deliveryStatus",
            symbol(attemptRecord.getField("deliveryStatus").schema(), "DELIVERED"))
        .set("sendDate", SENT)
        .set("deliveryDate", DELIVERED)
        .set("encoding", "GSM7")
        .set("parts", 2)
        .set("billed", true)
        .set("cost", "0.0900")
        .set("currency", "EUR")
        .build();
  }

  private static void isTheV1Attempt(AttemptRecord attempt) {
    assertThat(attempt.getStep()).isEqualTo(1);
    assertThat(attempt.getAttemptId()).isEqualTo("txn-1:1");
    assertThat(attempt.getChannel()).isEqualTo(Channel.SMS);
    assertThat(attempt.getProvider()).isEqualTo("smpp");
    assertThat(attempt.getProviderMessageIds()).containsExactly("p-1", "p-2");
    // added after v1 with a default: reads as empty
    assertThat(attempt.getDeliveredProviderMessageIds()).isEmpty();
    assertThat(attempt.getDeliveryStatus()).isEqualTo(DeliveryStatus.DELIVERED);
    assertThat(attempt.getSendDate()).isEqualTo(Instant.ofEpochMilli(SENT));
    assertThat(attempt.getDeliveryDate()).isEqualTo(Instant.ofEpochMilli(DELIVERED));
    assertThat(attempt.getReadDate()).isNull();
    assertThat(attempt.getReason()).isNull();
    assertThat(attempt.getEncoding()).isEqualTo("GSM7");
    assertThat(attempt.getParts()).isEqualTo(2);
    assertThat(attempt.getBilled()).isTrue();
    assertThat(attempt.getCost()).isEqualTo("0.0900");
    assertThat(attempt.getCurrency()).isEqualTo("EUR");
    assertThat(attempt.getLateDelivery()).isFalse();
  }

  /** Shipped version {@code n} (from 1) of {@code current}'s record. */
  private static Schema version(Schema current, int n) {
    List<Schema> versions = SchemaHistory.earlierVersionsOf(current.getFullName());
    assertThat(versions)
        .as("shipped versions of %s", current.getName())
        .hasSizeGreaterThanOrEqualTo(n);
    Schema version = versions.get(n - 1);
    assertThat(SchemaNormalization.parsingFingerprint64(version))
        .as("v%d of %s differs from today's", n, current.getName())
        .isNotEqualTo(SchemaNormalization.parsingFingerprint64(current));
    return version;
  }

  private static GenericData.EnumSymbol symbol(Schema enumSchema, String name) {
    return new GenericData.EnumSymbol(enumSchema, name);
  }

  private static byte[] singleObject(Schema writer, GenericRecord record) {
    try {
      ByteBuffer buffer =
          new BinaryMessageEncoder<GenericRecord>(GenericData.get(), writer).encode(record);
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long fingerprintOf(byte[] singleObject) {
    return ByteBuffer.wrap(singleObject, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
  }
}
