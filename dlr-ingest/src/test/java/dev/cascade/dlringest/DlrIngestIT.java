package dev.cascade.dlringest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cascade.platform.config.Settings;
import dev.cascade.platform.kafka.CascadeTopics;
import dev.cascade.platform.kafka.ClientProperties;
import dev.cascade.platform.kafka.Dlq;
import dev.cascade.platform.kafka.EmbeddedKafka;
import dev.cascade.platform.kafka.KafkaSettings;
import dev.cascade.platform.kafka.TopicAdmin;
import dev.cascade.platform.kafka.Watermarks;
import dev.cascade.platform.providers.ProviderIdForms;
import dev.cascade.platform.webhooks.Signatures;
import dev.cascade.schemas.RawDeliveryReport;
import dev.cascade.schemas.ReportStatus;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * dlr-ingest over real HTTP and a real SMPP bind on a real broker: signed webhooks and SMSC
 * receipts in, dlr.raw out; forged calls refused.
 */
class DlrIngestIT {

  private static final CascadeTopics TOPICS = new CascadeTopics();
  private static final Instant NOW = Instant.parse("2026-04-09T10:05:00Z");
  private static EmbeddedKafka kafka;
  private static TestSmsc smsc;
  private static DlrIngestService ingest;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    kafka = EmbeddedKafka.start();
    TopicAdmin.ensureTopics(new KafkaSettings(kafka.bootstrapServers(), 1, (short) 1), TOPICS);
    smsc = TestSmsc.start();
    ingest = DlrIngestService.start(
        Settings.of(Map.of(
            "profile", // infobip's webhook secret and the SMSC password are the development ones
            "dev",
            "kafka.bootstrap.servers",
            kafka.bootstrapServers(),
            "dlr.http.port",
            "0",
            "whatsapp.app.secret",
            "s3cret",
            "rbm.client.token",
            "t0ken",
            "dlr.smpp.host",
            "localhost",
            "dlr.smpp.port",
            String.valueOf(smsc.port()))),
        Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @AfterAll
  static void stop() throws Exception {
    ingest.close();
    smsc.close();
    kafka.close();
  }

  @Test
  void aSignedWhatsappStatusIsAcknowledgedAfterItIsOnDlrRaw() throws Exception {
    byte[] body = Fixtures.bytes("whatsapp/status-delivered.json");

    HttpResponse<String> response = post(
        "/webhooks/whatsapp",
        body,
        Map.of("X-Hub-Signature-256", Signatures.metaSignature("s3cret", body)));

    assertThat(response.statusCode()).isEqualTo(200);
    String key = "meta:wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBJDQjZCMzlEQUE4OTJBMTE4RTUA";
    ConsumerRecord<byte[], byte[]> record = read(TOPICS.dlrRaw.name(), 1).stream()
        .filter(r -> new String(r.key(), StandardCharsets.UTF_8).equals(key))
        .findFirst()
        .orElseThrow();
    RawDeliveryReport report =
        TOPICS.dlrRaw.valueSerde().deserializer().deserialize("dlr.raw", record.value());
    assertThat(report.getStatus()).isEqualTo(ReportStatus.DELIVERED);
  }

  @Test
  void itsWatermarkFollowsTheReportsInEveryPartition() {
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(ClientProperties.consumer(
        new KafkaSettings(kafka.bootstrapServers(), 1, (short) 1),
        "it",
        "it-" + UUID.randomUUID()))) {
      consumer.subscribe(List.of(TOPICS.dlrRaw.name()));
      Watermarks.Beat beat = await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () -> {
                for (ConsumerRecord<byte[], byte[]> record :
                    consumer.poll(Duration.ofMillis(200))) {
                  if (record.value() == null) {
                    return Watermarks.read(record.headers()).orElse(null);
                  }
                }
                return null;
              },
              java.util.Objects::nonNull);

      assertThat(beat.source()).startsWith("dlr-ingest-");
      assertThat(beat.at()).isEqualTo(NOW); // the clock dlr-ingest stamps reports with
      assertThat(beat.leaving()).isFalse();
    }
  }

  @Test
  void aForgedOrUnsignedCallGets401AndWritesNothing() throws Exception {
    byte[] body = Fixtures.bytes("whatsapp/status-failed-undeliverable.json");

    assertThat(post(
                "/webhooks/whatsapp",
                body,
                Map.of("X-Hub-Signature-256", Signatures.metaSignature("guess", body)))
            .statusCode())
        .isEqualTo(401);
    assertThat(post("/webhooks/whatsapp", body, Map.of()).statusCode()).isEqualTo(401);
    assertThat(post(
                "/webhooks/infobip",
                Fixtures.bytes("infobip/delivery-report-delivered.json"),
                Map.of(
                    "Authorization",
                    "Basic " + Base64.getEncoder().encodeToString("infobip:wrong".getBytes())))
            .statusCode())
        .isEqualTo(401);
    assertThat(read(TOPICS.dlrRaw.name(), 0))
        .noneMatch(r ->
            new String(r.key(), StandardCharsets.UTF_8).contains("ARGBI0QTE5RDRGNjVGMzc2NkUzMDAA"));
  }

  @Test
  void aSignedRbmEventInItsPubSubEnvelopeIsAccepted() throws Exception {
    byte[] event = Fixtures.bytes("rbm/event-read.json");
    byte[] envelope = ("{\"message\":{\"data\":\"" + Base64.getEncoder().encodeToString(event)
            + "\",\"messageId\":\"1\",\"publishTime\":\"2026-04-09T10:02:31Z\"},\"subscription\":\"projects/p/subscriptions/s\"}")
        .getBytes(StandardCharsets.UTF_8);

    assertThat(post(
                "/webhooks/rbm",
                envelope,
                Map.of("X-Goog-Signature", Signatures.rbmSignature("t0ken", event)))
            .statusCode())
        .isEqualTo(200);
    assertThat(post(
                "/webhooks/rbm",
                envelope,
                Map.of("X-Goog-Signature", Signatures.rbmSignature("other", event)))
            .statusCode())
        .isEqualTo(401);
  }

  @Test
  void aMalformedPayloadGets400AndGoesToTheDeadLetterTopicWithTheReason() throws Exception {
    byte[] body =
        "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"changes\":[{\"value\":{\"statuses\":[{\"status\":\"delivered\"}]}}]}]}"
            .getBytes(StandardCharsets.UTF_8);

    HttpResponse<String> response = post(
        "/webhooks/whatsapp",
        body,
        Map.of("X-Hub-Signature-256", Signatures.metaSignature("s3cret", body)));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
    ConsumerRecord<byte[], byte[]> dead = awaitRecord(TOPICS.dlrRaw.dlqName(), "meta");
    assertThat(dead.value()).isEqualTo(body);
    assertThat(
            new String(dead.headers().lastHeader(Dlq.ERROR_HEADER).value(), StandardCharsets.UTF_8))
        .contains("id is missing");
  }

  @Test
  void answersMetasSubscriptionCheckOnlyWithTheRightVerifyToken() throws Exception {
    HttpResponse<String> ok = http.send(
        HttpRequest.newBuilder(
                uri(
                    "/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=dev-secret&hub.challenge=1158201444"))
            .build(),
        HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> refused = http.send(
        HttpRequest.newBuilder(
                uri(
                    "/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1158201444"))
            .build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.body()).isEqualTo("1158201444");
    assertThat(refused.statusCode()).isEqualTo(403);
  }

  @Test
  void anSmppReceiptIsAnsweredAfterItIsOnDlrRawKeyedInTheFormItsSubmittedIdIsMatchedIn()
      throws Exception {
    // given: the SMSC writes its ids in upper-case, zero-padded hex

    // when: deliverReceipt returns once dlr-ingest answered deliver_sm_resp
    smsc.deliverReceipt(
        "id:00000A1F sub:001 dlvrd:001 submit date:2604091002 done date:2604091003 stat:DELIVRD err:000 text:");

    // then
    String key = ProviderIdForms.reportKey("smpp", "00000A1F").asKey();
    assertThat(key).isEqualTo("smpp:a1f");
    RawDeliveryReport report = TOPICS
        .dlrRaw
        .valueSerde()
        .deserializer()
        .deserialize("dlr.raw", awaitRecord(TOPICS.dlrRaw.name(), key).value());
    assertThat(report.getProviderMessageId()).isEqualTo("00000A1F");
    assertThat(report.getStatus()).isEqualTo(ReportStatus.DELIVERED);
    assertThat(report.getReceivedAt()).isEqualTo(NOW);
  }

  @Test
  void anUnreadableSmppReceiptIsAnsweredAndGoesToTheDeadLetterTopic() throws Exception {
    // when: answered positively, as resending it would not make it readable
    smsc.deliverReceipt("hello from the SMSC");

    // then
    ConsumerRecord<byte[], byte[]> dead = awaitRecord(TOPICS.dlrRaw.dlqName(), "smpp");
    assertThat(new String(dead.value(), StandardCharsets.ISO_8859_1))
        .isEqualTo("hello from the SMSC");
    assertThat(
            new String(dead.headers().lastHeader(Dlq.ERROR_HEADER).value(), StandardCharsets.UTF_8))
        .contains("needs id: and stat:");
  }

  private HttpResponse<String> post(String path, byte[] body, Map<String, String> headers)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(request::header);
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static URI uri(String path) {
    return URI.create("http://localhost:" + ingest.port() + path);
  }

  /** The first record of a topic with this key, waiting for it. */
  private static ConsumerRecord<byte[], byte[]> awaitRecord(String topic, String key) {
    return await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> read(topic, 1).stream()
                .filter(r -> new String(r.key(), StandardCharsets.UTF_8).equals(key))
                .findFirst(),
            Optional::isPresent)
        .orElseThrow();
  }

  /** Every record of a topic so far, waiting until there are at least {@code atLeast}. */
  private static List<ConsumerRecord<byte[], byte[]>> read(String topic, int atLeast) {
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(ClientProperties.consumer(
        new KafkaSettings(kafka.bootstrapServers(), 1, (short) 1),
        "it",
        "it-" + UUID.randomUUID()))) {
      consumer.subscribe(List.of(topic));
      long deadline = System.currentTimeMillis() + (atLeast == 0 ? 3_000 : 20_000);
      while (System.currentTimeMillis() < deadline && (atLeast == 0 || records.size() < atLeast)) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          if (record.value() != null) { // watermarks carry no report
            records.add(record);
          }
        }
      }
    }
    return records;
  }
}
