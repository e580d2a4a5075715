package dev.cascade.dlringest.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.cascade.platform.kafka.CascadeTopics;
import dev.cascade.platform.kafka.Dlq;
import dev.cascade.platform.kafka.RecordSender;
import dev.cascade.platform.kafka.TopicSpec;
import dev.cascade.schemas.RawDeliveryReport;
import dev.cascade.schemas.ReportStatus;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/** The one way reports reach dlr.raw, against Kafka's in-memory producer (the broker is covered by DlrIngestIT). */
class DlrPublisherTest {

  private static final Instant NOW = Instant.parse("2026-04-09T10:05:00Z");
  private static final TopicSpec<String, RawDeliveryReport> DLR_RAW = new CascadeTopics().dlrRaw;

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final MockProducer<byte[], byte[]> producer =
      new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
  private final DlrPublisher publisher = new DlrPublisher(
      new RecordSender(producer),
      DLR_RAW,
      Duration.ofSeconds(1),
      Clock.fixed(NOW, ZoneOffset.UTC),
      registry);

  @Test
  void keysEachReportWithItsProviderMessageKeyInTheFormItsProviderIsMatchedIn() {
    // given: an SMSC that writes its ids in upper-case, zero-padded hex, and a wamid that must stay
    // as it is
    ReportParser parser = parsing(report("smpp", "00000A1F"), report("meta", "wamid.HBgL00AB"));

    // when
    Publication publication = publisher.publish(parser, new byte[0]);

    // then
    assertThat(publication).isEqualTo(new Publication.Accepted(2));
    assertThat(producer.history())
        .extracting(record -> record.topic(), record -> utf8(record.key()))
        .containsExactly(tuple("dlr.raw", "smpp:a1f"), tuple("dlr.raw", "meta:wamid.HBgL00AB"));
    RawDeliveryReport written = value(producer.history().getFirst());
    assertThat(written.getProviderMessageId()).isEqualTo("00000A1F");
    assertThat(webhooks("smpp", "accepted")).isEqualTo(1.0);
  }

  @Test
  void parsesWithTheClocksTimeOfReceipt() {
    ReportParser parser = new ReportParser() {
      @Override
      public String provider() {
        return "meta";
      }

      @Override
      public List<RawDeliveryReport> parse(byte[] body, Instant receivedAt) {
        return List.of(report("meta", "wamid.1", receivedAt));
      }
    };

    publisher.publish(parser, new byte[0]);

    assertThat(value(producer.history().getFirst()).getReceivedAt()).isEqualTo(NOW);
  }

  @Test
  void itsWatermarkStaysAtTheReceiptOfAPayloadNotYetHandedToTheProducer() throws Exception {
    // given: a clock that moves, and a parse that waits until the test lets it go
    java.util.concurrent.atomic.AtomicReference<Instant> time =
        new java.util.concurrent.atomic.AtomicReference<>(NOW);
    Clock moving = new Clock() {
      @Override
      public java.time.ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(java.time.ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return time.get();
      }
    };
    DlrPublisher slow = new DlrPublisher(
        new RecordSender(producer), DLR_RAW, Duration.ofSeconds(1), moving, registry);
    java.util.concurrent.CountDownLatch parsing = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    ReportParser blocked = new ReportParser() {
      @Override
      public String provider() {
        return "meta";
      }

      @Override
      public List<RawDeliveryReport> parse(byte[] body, Instant receivedAt) {
        parsing.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return List.of(report("meta", "wamid.1", receivedAt));
      }
    };

    // when: the payload came in at NOW and is still being parsed 5 s later
    Thread call = Thread.ofVirtual().start(() -> slow.publish(blocked, new byte[0]));
    parsing.await();
    time.set(NOW.plusSeconds(5));

    // then: the watermark holds at its receipt; once handed on it moves with the clock
    assertThat(slow.watermark()).isEqualTo(NOW);
    release.countDown();
    call.join();
    assertThat(slow.watermark()).isEqualTo(NOW.plusSeconds(5));
  }

  @Test
  void sendsAMalformedPayloadToTheDeadLetterTopicWithTheReasonAndCountsIt() {
    // given
    byte[] body = "id: stat:".getBytes(StandardCharsets.ISO_8859_1);

    // when
    Publication publication =
        publisher.publish(failing("smpp", "an SMPP receipt needs id: and stat:"), body);

    // then
    assertThat(publication)
        .isEqualTo(new Publication.Malformed("an SMPP receipt needs id: and stat:"));
    ProducerRecord<byte[], byte[]> dead = producer.history().getFirst();
    assertThat(dead.topic()).isEqualTo("dlr.raw.dlq");
    assertThat(utf8(dead.key())).isEqualTo("smpp");
    assertThat(dead.value()).isEqualTo(body);
    assertThat(utf8(dead.headers().lastHeader(Dlq.ERROR_HEADER).value()))
        .contains("needs id: and stat:");
    assertThat(utf8(dead.headers().lastHeader(Dlq.FAILED_AT_HEADER).value()))
        .isEqualTo(NOW.toString());
    assertThat(registry.get("cascade.dlq").tag("topic", "dlr.raw.dlq").counter().count())
        .isEqualTo(1.0);
    assertThat(webhooks("smpp", "malformed")).isEqualTo(1.0);
  }

  @Test
  void isUnavailableWhenKafkaDoesNotAcknowledgeInTime() {
    // given: a producer that never hears back from the broker
    MockProducer<byte[], byte[]> silent =
        new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
    DlrPublisher impatient = new DlrPublisher(
        new RecordSender(silent),
        DLR_RAW,
        Duration.ofMillis(50),
        Clock.fixed(NOW, ZoneOffset.UTC),
        registry);

    // when
    Publication publication = impatient.publish(parsing(report("rbm", "7f0d6c1e")), new byte[0]);

    // then
    assertThat(publication).isEqualTo(new Publication.Unavailable());
    assertThat(webhooks("rbm", "unavailable")).isEqualTo(1.0);
  }

  @Test
  void countsARefusedCallAsUnauthorizedAndWritesNothing() {
    publisher.refused("infobip");

    assertThat(producer.history()).isEmpty();
    assertThat(webhooks("infobip", "unauthorized")).isEqualTo(1.0);
  }

  private double webhooks(String provider, String result) {
    return registry
        .get("cascade.webhooks")
        .tag("provider", provider)
        .tag("result", result)
        .counter()
        .count();
  }

  private static ReportParser parsing(RawDeliveryReport... reports) {
    return new ReportParser() {
      @Override
      public String provider() {
        return reports[0].getProvider();
      }

      @Override
      public List<RawDeliveryReport> parse(byte[] body, Instant receivedAt) {
        return List.of(reports);
      }
    };
  }

  private static ReportParser failing(String provider, String reason) {
    return new ReportParser() {
      @Override
      public String provider() {
        return provider;
      }

      @Override
      public List<RawDeliveryReport> parse(byte[] body, Instant receivedAt)
          throws MalformedReportException {
        throw new MalformedReportException(reason);
      }
    };
  }

  private static RawDeliveryReport report(String provider, String id) {
    return report(provider, id, NOW);
  }

  private static RawDeliveryReport report(String provider, String id, Instant receivedAt) {
    return RawDeliveryReport.newBuilder()
        .setProvider(provider)
        .setProviderMessageId(id)
        .setStatus(ReportStatus.DELIVERED)
        .setProviderStatus("DELIVRD")
        .setOccurredAt(NOW)
        .setReceivedAt(receivedAt)
        .build();
  }

  private static RawDeliveryReport value(ProducerRecord<byte[], byte[]> record) {
    return DLR_RAW.valueSerde().deserializer().deserialize(DLR_RAW.name(), record.value());
  }

  private static String utf8(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
