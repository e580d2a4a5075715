package dev.cascade.intake.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cascade.intake.SendIntakeService;
import dev.cascade.platform.config.Settings;
import dev.cascade.platform.http.BadRequestCorpus;
import dev.cascade.platform.http.BadRequestCorpus.BadRequest;
import dev.cascade.platform.http.BadRequestCorpus.Carried;
import dev.cascade.platform.http.RawHttp;
import dev.cascade.platform.json.Json;
import dev.cascade.platform.kafka.CascadeTopics;
import dev.cascade.platform.kafka.KafkaBroker;
import dev.cascade.platform.kafka.KafkaSettings;
import dev.cascade.platform.kafka.NeedsKafka;
import dev.cascade.platform.kafka.TestKafka;
import dev.cascade.platform.kafka.TopicAdmin;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * More than a thousand generated bad requests (seeded, so every run sends the same ones) to a
 * running send-intake: each gets a 4xx problem+json answer, none a 5xx, and a valid request
 * still gets its 202 afterwards. The service runs with a real API key, outside the development
 * profile.
 */
@NeedsKafka
class SendIntakeCorpusIT {

  private static final long SEED = 20_260_409L;
  private static final int SIZE = 1_000;
  private static final Duration BUDGET = Duration.ofMinutes(3);
  private static final String KEY = "c0rpus-k3y-8d1f0b";
  private static KafkaBroker kafka;
  private static SendIntakeService intake;

  @BeforeAll
  static void start() {
    kafka = TestKafka.start();
    TopicAdmin.ensureTopics(
        new KafkaSettings(kafka.bootstrapServers(), 1, (short) 1), new CascadeTopics());
    intake = SendIntakeService.start(Settings.of(Map.of(
        "kafka.bootstrap.servers", kafka.bootstrapServers(),
        "intake.http.port", "0",
        "intake.api.keys", "corpus=" + KEY,
        "intake.ack.timeout", "5s",
        "intake.rate.per.second", "1000000",
        "intake.status.url", "http://localhost:9")));
  }

  @AfterAll
  static void stop() {
    // null when a start failed or was skipped (no Docker for -Dcascade.kafka=testcontainers)
    if (intake != null) {
      intake.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void everyBadRequestGetsA4xxProblemAndAValidRequestStillGets202() throws Exception {
    // given
    List<BadRequest> corpus = BadRequestCorpus.generate(new IntakeTarget(), SEED, SIZE);
    assertThat(corpus).hasSizeGreaterThanOrEqualTo(SIZE);

    // when
    Map<Integer, Integer> byStatus = new TreeMap<>();
    Map<String, RawHttp.Response> wrong = new LinkedHashMap<>();
    long deadline = System.nanoTime() + BUDGET.toNanos();
    for (BadRequest request : corpus) {
      assertThat(System.nanoTime()).as("the corpus ran over %s", BUDGET).isLessThan(deadline);
      RawHttp.Response response = request.send(intake.port(), Duration.ofSeconds(20));
      byStatus.merge(response.status(), 1, Integer::sum);
      if (response.status() < 400
          || response.status() > 499
          || !response.contentType().startsWith("application/problem+json")) {
        wrong.put(request.fault(), response);
      }
    }

    // then
    assertThat(wrong)
        .as("requests not answered 4xx problem+json (answers by status: %s)", byStatus)
        .isEmpty();
    HttpResponse<String> valid = HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + intake.port() + "/v1/messages"))
                .header("Content-Type", "application/json")
                .header("X-Api-Key", KEY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(seed001()
                    .replace("txn-notifica-20260409-001", "corpus-after")
                    .getBytes(StandardCharsets.UTF_8)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(valid.statusCode()).as(valid.body()).isEqualTo(202);
    assertThat(Json.mapper().readTree(valid.body()).get("messageId").asText())
        .isEqualTo("corpus-after");
  }

  /** POST /v1/messages with the seed 001 request (a non-ASCII name added) and its API key. */
  private static final class IntakeTarget implements BadRequestCorpus.Target {

    private static final String ID = "corpus-000000000";
    private final byte[] document = seed001()
        .replace("txn-notifica-20260409-001", ID)
        .replace("\"Giulia\"", "\"Giulià\"")
        .getBytes(StandardCharsets.UTF_8);
    private int carried;

    @Override
    public String path() {
      return "/v1/messages";
    }

    @Override
    public byte[] validDocument() {
      return document.clone();
    }

    /**
     * The document with its messageId made unique (same length), so that a request wrongly taken
     * in shows as a 202, not as a 409 conflict with an earlier one.
     */
    @Override
    public Carried carry(byte[] document) {
      byte[] unique = document.clone();
      byte[] id = bytes(ID);
      byte[] fresh = bytes(String.format("corpus-%09d", ++carried));
      outer:
      for (int i = 0; i + id.length <= unique.length; i++) {
        for (int j = 0; j < id.length; j++) {
          if (unique[i + j] != id[j]) {
            continue outer;
          }
        }
        System.arraycopy(fresh, 0, unique, i, fresh.length);
        break;
      }
      return new Carried(unique, Map.of("X-Api-Key", KEY));
    }

    @Override
    public List<Map<String, String>> forgeries(byte[] body) {
      Random random = new Random(body.length);
      String sha256 = HexFormat.of().formatHex(sha256(KEY));
      return List.of(
          Map.of(),
          Map.of("X-Api-Key", ""),
          Map.of("X-Api-Key", "dev-key"),
          Map.of("X-Api-Key", BadRequestCorpus.randomToken(random, KEY.length())),
          Map.of("X-Api-Key", KEY.substring(0, KEY.length() - 1)),
          Map.of("X-Api-Key", KEY + "0"),
          Map.of("X-Api-Key", KEY.toUpperCase(java.util.Locale.ROOT)),
          Map.of("X-Api-Key", sha256),
          Map.of("X-Api-Key", "sha256:" + sha256),
          Map.of("Authorization", "Bearer"),
          Map.of("Authorization", "Basic " + Base64.getEncoder().encodeToString(bytes(KEY))),
          Map.of("Authorization", "Token " + KEY),
          Map.of("Authorization", "Bearer " + BadRequestCorpus.randomToken(random, 32)),
          Map.of("Authorization", "Bearer" + KEY),
          Map.of("X-Api-Key", "x".repeat(4_000)),
          Map.of("X-Api-Key", "dev-key", "Authorization", "Bearer " + KEY));
    }

    @Override
    public List<String> typedPaths() {
      List<String> paths = new ArrayList<>();
      try {
        collect(Json.mapper().readTree(document), "", paths);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return paths;
    }

    /** Every field and element: with strict types, any other type there is refused. */
    private static void collect(JsonNode node, String path, List<String> paths) {
      paths.add(path);
      if (node.isObject()) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> field = it.next();
          collect(field.getValue(), path + "/" + field.getKey(), paths);
        }
      } else if (node.isArray()) {
        for (int i = 0; i < node.size(); i++) {
          collect(node.get(i), path + "/" + i, paths);
        }
      }
    }

    @Override
    public boolean strict() {
      return true;
    }

    @Override
    public int maxBodyBytes() {
      return MessagesRoutes.MAX_BODY_BYTES;
    }
  }

  private static String seed001() {
    try (InputStream in =
        SendIntakeCorpusIT.class.getResourceAsStream("/requests/seed-001-banca-adriatica.json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes(text));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
