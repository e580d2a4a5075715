package dev.cascade.dev;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cascade.platform.json.Json;
import dev.cascade.platform.kafka.ClientProperties;
import dev.cascade.platform.kafka.KafkaSettings;
import dev.cascade.platform.kafka.TopicSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/** What a user of a running stack does: HTTP calls to send-intake and reading result topics. */
final class StackClient implements AutoCloseable {

  record Response(int status, JsonNode body, HttpResponse<String> raw) {}

  private final CascadeStack stack;
  private final HttpClient http = HttpClient.newHttpClient();
  private final List<KafkaConsumer<byte[], byte[]>> consumers = new ArrayList<>();

  StackClient(CascadeStack stack) {
    this.stack = stack;
  }

  Response post(String json) {
    return call(HttpRequest.newBuilder(intake("/v1/messages"))
        .header("Content-Type", "application/json")
        .header("X-Api-Key", "dev-key")
        .POST(HttpRequest.BodyPublishers.ofString(json))
        .build());
  }

  Response get(String messageId) {
    return call(HttpRequest.newBuilder(intake("/v1/messages/" + messageId))
        .header("Authorization", "Bearer dev-key")
        .GET()
        .build());
  }

  /** The message's timeline (GET /v1/messages/{id}/events), for failure messages. */
  Response events(String messageId) {
    return get(messageId + "/events");
  }

  Response delete(String messageId) {
    return call(HttpRequest.newBuilder(intake("/v1/messages/" + messageId))
        .header("Authorization", "Bearer dev-key")
        .DELETE()
        .build());
  }

  private URI intake(String path) {
    return URI.create("http://localhost:" + stack.intakePort() + path);
  }

  private Response call(HttpRequest request) {
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      JsonNode body = response.body().isEmpty() ? null : Json.mapper().readTree(response.body());
      return new Response(response.statusCode(), body, response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A reader of {@code topic} from its beginning, in a group of its own. */
  <V> TopicReader<V> reader(TopicSpec<String, V> topic) {
    KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(ClientProperties.consumer(
        new KafkaSettings(stack.bootstrapServers(), 1, (short) 1),
        "test-reader",
        "test-" + UUID.randomUUID()));
    consumer.subscribe(List.of(topic.name()));
    consumers.add(consumer);
    return new TopicReader<>(topic, consumer);
  }

  /** Collects the values of one topic for one key. */
  static final class TopicReader<V> {
    private final TopicSpec<String, V> topic;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<ConsumerRecord<String, V>> seen = new ArrayList<>();

    TopicReader(TopicSpec<String, V> topic, KafkaConsumer<byte[], byte[]> consumer) {
      this.topic = topic;
      this.consumer = consumer;
    }

    List<V> valuesFor(String key) {
      for (var record : consumer.poll(Duration.ofMillis(200))) {
        String k = topic.keySerde().deserializer().deserialize(topic.name(), record.key());
        V v = topic.valueSerde().deserializer().deserialize(topic.name(), record.value());
        seen.add(new ConsumerRecord<>(record.topic(), record.partition(), record.offset(), k, v));
      }
      return seen.stream()
          .filter(r -> r.key().equals(key))
          .map(ConsumerRecord::value)
          .toList();
    }
  }

  static void assertAccepted(Response response) {
    assertThat(response.status()).as("POST answer %s", response.body()).isEqualTo(202);
  }

  @Override
  public void close() {
    consumers.forEach(KafkaConsumer::close);
  }
}
