package dev.cascade.dlringest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cascade.platform.config.Settings;
import dev.cascade.platform.http.BadRequestCorpus;
import dev.cascade.platform.http.BadRequestCorpus.BadRequest;
import dev.cascade.platform.http.BadRequestCorpus.Carried;
import dev.cascade.platform.http.HttpServer;
import dev.cascade.platform.http.RawHttp;
import dev.cascade.platform.json.Json;
import dev.cascade.platform.kafka.CascadeTopics;
import dev.cascade.platform.kafka.KafkaBroker;
import dev.cascade.platform.kafka.KafkaSettings;
import dev.cascade.platform.kafka.NeedsKafka;
import dev.cascade.platform.kafka.TestKafka;
import dev.cascade.platform.kafka.TopicAdmin;
import dev.cascade.platform.webhooks.Signatures;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * More than a thousand generated bad webhook calls (seeded, so every run sends the same ones),
 * a third to each of WhatsApp, RBM and Infobip, to a running dlr-ingest: each gets a 4xx
 * problem+json answer, none a 5xx, and each webhook still takes a valid signed report afterwards.
 * The service runs with its own secrets, outside the development profile.
 */
@NeedsKafka
class DlrIngestCorpusIT {

  private static final long SEED = 20_260_409L;
  private static final int SIZE_PER_WEBHOOK = 350;
  private static final Duration BUDGET = Duration.ofMinutes(3);
  private static final String APP_SECRET = "wh4-app-s3cret";
  private static final String CLIENT_TOKEN = "rbm-cl1ent-t0ken";
  private static final String INFOBIP_SECRET = "inf0bip-sh4red";
  private static KafkaBroker kafka;
  private static DlrIngestService ingest;

  @BeforeAll
  static void start() {
    kafka = TestKafka.start();
    TopicAdmin.ensureTopics(
        new KafkaSettings(kafka.bootstrapServers(), 1, (short) 1), new CascadeTopics());
    ingest = DlrIngestService.start(Settings.of(Map.of(
        "kafka.bootstrap.servers",
        kafka.bootstrapServers(),
        "dlr.http.port",
        "0",
        "whatsapp.app.secret",
        APP_SECRET,
        "whatsapp.verify.token",
        "v3rify-t0ken",
        "rbm.client.token",
        CLIENT_TOKEN,
        "infobip.webhook.secret",
        INFOBIP_SECRET)));
  }

  @AfterAll
  static void stop() {
    // null when a start failed or was skipped (no Docker for -Dcascade.kafka=testcontainers)
    if (ingest != null) {
      ingest.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void everyBadCallGetsA4xxProblemAndEachWebhookStillTakesAValidReport() throws Exception {
    // given
    List<BadRequest> corpus = new ArrayList<>();
    for (BadRequestCorpus.Target target : List.of(new WhatsApp(), new Rbm(), new Infobip())) {
      corpus.addAll(BadRequestCorpus.generate(target, SEED, SIZE_PER_WEBHOOK));
    }
    assertThat(corpus).hasSizeGreaterThanOrEqualTo(1_000);

    // when
    Map<Integer, Integer> byStatus = new TreeMap<>();
    Map<String, RawHttp.Response> wrong = new LinkedHashMap<>();
    long deadline = System.nanoTime() + BUDGET.toNanos();
    for (BadRequest request : corpus) {
      assertThat(System.nanoTime()).as("the corpus ran over %s", BUDGET).isLessThan(deadline);
      RawHttp.Response response = request.send(ingest.port(), Duration.ofSeconds(20));
      byStatus.merge(response.status(), 1, Integer::sum);
      if (response.status() < 400
          || response.status() > 499
          || !response.contentType().startsWith("application/problem+json")) {
        wrong.put(
            new String(request.head(), 0, 30, StandardCharsets.ISO_8859_1).split(" ")[1] + " "
                + request.fault(),
            response);
      }
    }

    // then
    assertThat(wrong)
        .as("calls not answered 4xx problem+json (answers by status: %s)", byStatus)
        .isEmpty();
    for (BadRequestCorpus.Target target : List.of(new WhatsApp(), new Rbm(), new Infobip())) {
      Carried valid = target.carry(target.validDocument());
      RawHttp.Response response = RawHttp.exchange(
          ingest.port(), head(target.path(), valid), valid.body(), false, Duration.ofSeconds(20));
      assertThat(response.status()).as(target.path() + ": " + response).isEqualTo(200);
      assertThat(Json.mapper().readTree(response.body()).get("accepted").asInt())
          .isEqualTo(1);
    }
  }

  private static byte[] head(String path, Carried carried) {
    StringBuilder head = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: localhost\r\n");
    carried.headers().forEach((name, value) -> head.append(name + ": " + value + "\r\n"));
    head.append("Content-Type: application/json\r\nContent-Length: " + carried.body().length
        + "\r\nConnection: close\r\n\r\n");
    return head.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  /** What every webhook shares: a fixture, loose types, the size limit of every request. */
  private abstract static class Webhook implements BadRequestCorpus.Target {

    @Override
    public boolean strict() {
      return false;
    }

    @Override
    public int maxBodyBytes() {
      return HttpServer.MAX_REQUEST_BYTES;
    }
  }

  /** Meta's status webhook, signed X-Hub-Signature-256 over the body. */
  private static final class WhatsApp extends Webhook {

    @Override
    public String path() {
      return "/webhooks/whatsapp";
    }

    @Override
    public byte[] validDocument() {
      return Fixtures.bytes("whatsapp/status-delivered.json");
    }

    @Override
    public Carried carry(byte[] document) {
      return new Carried(
          document, Map.of("X-Hub-Signature-256", Signatures.metaSignature(APP_SECRET, document)));
    }

    @Override
    public List<Map<String, String>> forgeries(byte[] body) {
      String right = Signatures.metaSignature(APP_SECRET, body);
      return List.of(
          Map.of(),
          Map.of("X-Hub-Signature-256", ""),
          Map.of("X-Hub-Signature-256", Signatures.metaSignature("guess", body)),
          Map.of("X-Hub-Signature-256", Signatures.metaSignature("dev-secret", body)),
          Map.of("X-Hub-Signature-256", right.substring("sha256=".length())),
          Map.of("X-Hub-Signature-256", "sha1=" + right.substring("sha256=".length())),
          Map.of("X-Hub-Signature-256", right.substring(0, right.length() - 1)),
          Map.of("X-Hub-Signature-256", Signatures.metaSignature(APP_SECRET, bytes("{}"))),
          Map.of("X-Hub-Signature", right),
          Map.of(
              "X-Hub-Signature-256",
              "sha256=" + BadRequestCorpus.randomToken(new Random(body.length), 64)));
    }

    @Override
    public List<String> typedPaths() {
      return List.of("", "/object", "/entry", "/entry/0/changes/0/value/statuses/0/status");
    }
  }

  /** Google RBM events in a Pub/Sub push envelope, X-Goog-Signature over the decoded event. */
  private static final class Rbm extends Webhook {

    @Override
    public String path() {
      return "/webhooks/rbm";
    }

    @Override
    public byte[] validDocument() {
      return Fixtures.bytes("rbm/event-read.json");
    }

    @Override
    public Carried carry(byte[] event) {
      return new Carried(
          envelope(Base64.getEncoder().encodeToString(event)),
          Map.of("X-Goog-Signature", Signatures.rbmSignature(CLIENT_TOKEN, event)));
    }

    private static byte[] envelope(String data) {
      return bytes(
          "{\"message\":{\"data\":\"" + data + "\",\"messageId\":\"1\","
              + "\"publishTime\":\"2026-04-09T10:02:31Z\"},\"subscription\":\"projects/p/subscriptions/s\"}");
    }

    @Override
    public List<Map<String, String>> forgeries(byte[] body) {
      byte[] event = validDocument();
      return List.of(
          Map.of(),
          Map.of("X-Goog-Signature", ""),
          Map.of("X-Goog-Signature", Signatures.rbmSignature("guess", event)),
          Map.of("X-Goog-Signature", Signatures.rbmSignature("dev-secret", event)),
          Map.of("X-Goog-Signature", Signatures.rbmSignature(CLIENT_TOKEN, body)),
          Map.of("X-Goog-Signature", Signatures.rbmSignature(CLIENT_TOKEN, bytes("{}"))),
          Map.of("X-Goog-Signature", "not base64 at all"),
          Map.of("X-Goog-Signature", BadRequestCorpus.randomToken(new Random(body.length), 88)));
    }

    /** The event's time; every other field of an event it does not report on is ignored. */
    @Override
    public List<String> typedPaths() {
      return List.of("/sendTime");
    }

    /** Broken envelopes, whose signature cannot be checked, and wrong set-up calls. */
    @Override
    public List<Carried> extraFaults() {
      Map<String, String> signed = carry(validDocument()).headers();
      String data = Base64.getEncoder().encodeToString(validDocument());
      List<Carried> faults = new ArrayList<>();
      for (String envelope : List.of(
          "{}",
          "[]",
          "null",
          "\"text\"",
          "{\"message\":{}}",
          "{\"message\":\"x\"}",
          "{\"message\":{\"data\":\"\"}}",
          "{\"message\":{\"data\":123}}",
          "{\"message\":{\"data\":[\"" + data + "\"]}}",
          "{\"message\":{\"data\":\"!!not base64!!\"}}",
          "{\"message\":{\"data\":\"" + data.substring(0, 10) + "\\n" + data.substring(10) + "\"}}",
          "{\"message\":{\"data\":\"" + data.substring(1) + "\"}}",
          "{\"clientToken\":\"guess\",\"secret\":\"s\"}",
          "{\"clientToken\":\"dev-secret\",\"secret\":\"s\"}",
          "{\"clientToken\":123,\"secret\":\"s\"}",
          "{\"clientToken\":\"" + CLIENT_TOKEN + "\"}")) {
        faults.add(new Carried(bytes(envelope), signed));
      }
      return faults;
    }
  }

  /** Infobip delivery reports, with HTTP Basic credentials infobip:&lt;secret&gt;. */
  private static final class Infobip extends Webhook {

    @Override
    public String path() {
      return "/webhooks/infobip";
    }

    @Override
    public byte[] validDocument() {
      return Fixtures.bytes("infobip/delivery-report-delivered.json");
    }

    @Override
    public Carried carry(byte[] document) {
      return new Carried(document, Map.of("Authorization", basic("infobip:" + INFOBIP_SECRET)));
    }

    @Override
    public List<Map<String, String>> forgeries(byte[] body) {
      return List.of(
          Map.of(),
          Map.of("Authorization", ""),
          Map.of("Authorization", basic("infobip:guess")),
          Map.of("Authorization", basic("infobip:dev-secret")),
          Map.of("Authorization", basic("admin:" + INFOBIP_SECRET)),
          Map.of("Authorization", basic("infobip:" + INFOBIP_SECRET + "x")),
          Map.of("Authorization", "Bearer " + INFOBIP_SECRET),
          Map.of("Authorization", "Basic"),
          Map.of("Authorization", "Basic !!!"),
          Map.of("Authorization", "Basic " + BadRequestCorpus.randomToken(new Random(7), 40)));
    }

    @Override
    public List<String> typedPaths() {
      return List.of("", "/results", "/results/0/status/groupName");
    }
  }

  private static String basic(String credentials) {
    return "Basic " + Base64.getEncoder().encodeToString(bytes(credentials));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
