package dev.cascade.dev;

import static dev.cascade.dev.StackClient.assertAccepted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.cascade.platform.json.Json;
import dev.cascade.platform.kafka.CascadeTopics;
import dev.cascade.schemas.CallbackDelivery;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Outcome callbacks through the whole stack (SPEC section 10): a request with a callback to a
 * receiver on loopback (allowed in the all-in-one), every service and the simulator, and the
 * receiver gets each state change and the outcome, signed with the dev key's callback secret, the
 * outcome's JSON the same as GET's.
 */
class OutcomeCallbacksIT {

  private static final CascadeTopics TOPICS = new CascadeTopics();
  private static CascadeStack stack;
  private static StackClient client;
  private static HttpServer receiver;
  private static final List<Call> CALLS = new ArrayList<>();

  record Call(String event, String deliveryId, String signature, byte[] body) {}

  @BeforeAll
  static void startStack() throws IOException {
    stack = CascadeStack.start(TestStackSettings.with(), 0, () -> {});
    client = new StackClient(stack);
    receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    receiver.createContext("/hooks", exchange -> {
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      synchronized (CALLS) {
        CALLS.add(new Call(
            exchange.getRequestHeaders().getFirst("Cascade-Event"),
            exchange.getRequestHeaders().getFirst("Cascade-Delivery"),
            exchange.getRequestHeaders().getFirst("Cascade-Signature"),
            body));
      }
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    receiver.start();
  }

  @AfterAll
  static void stopStack() {
    if (receiver != null) {
      receiver.stop(0);
    }
    if (client != null) {
      client.close();
    }
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void theReceiverGetsEveryStateChangeThenTheOutcomeAsGetShowsIt() throws Exception {
    String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks/cb-e2e";
    StackClient.TopicReader<CallbackDelivery> deliveries = client.reader(TOPICS.callbackDeliveries);
    // ...1100: the SMS is delivered (SPEC section 9)
    StackClient.Response response = client.post("""
        {"messageId": "cb-e2e", "to": "+393401231100",
         "steps": [{"channel": "SMS", "sender": "BancaAdri", "content": {"text": "Your code is 4321"}}],
         "callback": {"url": "%s", "events": ["STATUS", "OUTCOME"]}}
        """.formatted(url));
    assertAccepted(response);

    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> calls().stream().anyMatch(call -> "OUTCOME".equals(call.event())));
    List<Call> calls = calls();
    Call outcome = calls.getLast();
    List<Call> statuses = calls.subList(0, calls.size() - 1);

    assertThat(outcome.event()).isEqualTo("OUTCOME");
    assertThat(statuses).isNotEmpty().allMatch(call -> call.event().equals("STATUS"));
    assertThat(Json.mapper().readTree(statuses.getFirst().body()).path("status").asText())
        .isEqualTo("ACCEPTED");
    JsonNode last = Json.mapper().readTree(statuses.getLast().body());
    assertThat(last.path("status").asText()).isEqualTo("DELIVERED");
    assertThat(last.path("terminal").asBoolean()).isTrue();
    assertThat(calls).extracting(Call::deliveryId).doesNotHaveDuplicates();
    for (Call call : calls) {
      assertThat(signedWith("dev-secret", call)).isTrue();
      assertThat(signedWith("another-secret", call)).isFalse();
    }

    // the outcome's JSON is the message as GET shows it
    ObjectNode posted = (ObjectNode) Json.mapper().readTree(outcome.body());
    ObjectNode got = (ObjectNode) client.get("cb-e2e").body();
    assertThat(posted.path("status").asText()).isEqualTo("DELIVERED");
    assertThat(posted).isEqualTo(got);

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> deliveries.valuesFor("cb-e2e").size() >= calls.size());
  }

  @Test
  void aCallbackToAPlainHttpHostThatIsNotLoopbackIsA422NamingTheField() {
    StackClient.Response response = client.post("""
        {"to": "+393401231100",
         "steps": [{"channel": "SMS", "sender": "BancaAdri", "content": {"text": "hi"}}],
         "callback": {"url": "http://hooks.example.com/cascade"}}
        """);

    assertThat(response.status()).isEqualTo(422);
    assertThat(response.body().path("errors").get(0).path("field").asText())
        .isEqualTo("callback.url");
  }

  private static List<Call> calls() {
    synchronized (CALLS) {
      return List.copyOf(CALLS);
    }
  }

  /** The README's verification, for the receiver's side. */
  private static boolean signedWith(String secret, Call call) throws Exception {
    String t = call.signature().replaceAll(".*\\bt=(\\d{1,18}).*", "$1");
    String v1 = call.signature().replaceAll(".*\\bv1=([0-9a-f]{64}).*", "$1");
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    mac.update((t + ".").getBytes(StandardCharsets.UTF_8));
    byte[] expected =
        HexFormat.of().formatHex(mac.doFinal(call.body())).getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(expected, v1.getBytes(StandardCharsets.UTF_8));
  }
}
