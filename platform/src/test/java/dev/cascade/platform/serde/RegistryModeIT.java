package dev.cascade.platform.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cascade.platform.kafka.CascadeTopics;
import dev.cascade.platform.kafka.ClientProperties;
import dev.cascade.platform.kafka.KafkaBroker;
import dev.cascade.platform.kafka.KafkaSettings;
import dev.cascade.platform.kafka.NeedsKafka;
import dev.cascade.platform.kafka.RecordSender;
import dev.cascade.platform.kafka.TestKafka;
import dev.cascade.platform.kafka.TopicAdmin;
import dev.cascade.schemas.CancelRequest;
import dev.cascade.schemas.Channel;
import dev.cascade.schemas.Content;
import dev.cascade.schemas.SendRequest;
import dev.cascade.schemas.Step;
import dev.cascade.schemas.serde.AvroSerde;
import dev.cascade.schemas.serde.AvroSerdeException;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Registry mode on a real broker against a real Apicurio Registry process: the bytes on the topic
 * are the Confluent wire format with an id the registry's Confluent-compatible API knows, and they
 * read back into the generated classes — also when written with an earlier schema version.
 */
@NeedsKafka
class RegistryModeIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static KafkaBroker kafka;
  private static ApicurioRegistry registry;
  private static KafkaSettings kafkaSettings;
  private static CascadeTopics topics;

  @BeforeAll
  static void start() {
    kafka = TestKafka.start();
    registry = ApicurioRegistry.start();
    kafkaSettings = new KafkaSettings(kafka.bootstrapServers(), 1, (short) 1);
    topics = new CascadeTopics(RecordSerdes.registry(SchemaRegistrySettings.at(registry.url())));
    TopicAdmin.ensureTopics(kafkaSettings, topics);
  }

  @AfterAll
  static void stop() {
    if (registry != null) {
      registry.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void writesMagicByteAndARegisteredFourByteIdAndReadsTheRecordBack() throws Exception {
    // given: SendRequest's schema already registered under another subject, so its content id
    // (what Confluent clients call the schema id) differs from the global id the serde's own
    // registration under send.requests-value gets: writing the global id would fail below
    register("decoy-first-value", Schema.create(Schema.Type.STRING));
    int contentId = register("decoy-send-requests-value", SendRequest.getClassSchema());
    SendRequest request = request("reg-1");

    // when
    try (RecordSender sender = RecordSender.create(kafkaSettings, "registry-it")) {
      sender.send(topics.sendRequests, "reg-1", request).get();
    }
    byte[] bytes = readRaw(topics.sendRequests.name());

    // then: magic byte 0, a 4-byte id, and that id is the schema under the Confluent API
    assertThat(bytes[0]).isEqualTo((byte) 0);
    int id = ByteBuffer.wrap(bytes, 1, 4).getInt();
    assertThat(id).isEqualTo(contentId);
    JsonNode byId = getJson(registry.ccompatUrl() + "/schemas/ids/" + id);
    assertThat(new Schema.Parser().parse(byId.get("schema").asText()))
        .isEqualTo(SendRequest.getClassSchema());
    assertThat(getJson(registry.ccompatUrl() + "/subjects"))
        .extracting(JsonNode::asText)
        .contains("send.requests-value");
    SendRequest read =
        topics.sendRequests.valueSerde().deserializer().deserialize("send.requests", bytes);
    assertThat(read).isEqualTo(request);
  }

  @Test
  void readsARecordWrittenWithAnEarlierSchemaIntoTodaysClass() throws Exception {
    // given: CancelRequest as it would have been before apiKeyId, registered by another producer
    Schema earlier = new Schema.Parser().parse("""
        {"type": "record", "name": "CancelRequest", "namespace": "dev.cascade.schemas",
         "fields": [
           {"name": "messageId", "type": "string"},
           {"name": "requestedAt", "type": {"type": "long", "logicalType": "timestamp-millis"}}]}
        """);
    int id = register("message.cancels-value", earlier);
    GenericRecord old = new GenericData.Record(earlier);
    old.put("messageId", "reg-old");
    old.put("requestedAt", 1_775_000_000_000L);

    // when
    CancelRequest read = topics
        .messageCancels
        .valueSerde()
        .deserializer()
        .deserialize("message.cancels", confluentBytes(id, earlier, old));

    // then
    assertThat(read.getMessageId()).isEqualTo("reg-old");
    assertThat(read.getRequestedAt()).isEqualTo(Instant.ofEpochMilli(1_775_000_000_000L));
    assertThat(read.getApiKeyId()).isNull();
  }

  @Test
  void refusesASingleObjectRecordNamingTheCause() {
    // given: a record from a producer still in single-object mode
    byte[] singleObject = AvroSerde.of(SendRequest.class).encode(request("reg-so"));

    // when / then
    assertThatThrownBy(() -> topics
            .sendRequests
            .valueSerde()
            .deserializer()
            .deserialize("send.requests", singleObject))
        .isInstanceOf(AvroSerdeException.class)
        .hasMessageContaining("send.requests")
        .hasMessageContaining("magic byte 0");
  }

  @Test
  void withoutAutoRegisterASchemaTheRegistryLacksIsRefused() {
    // given: auto-register off and nothing ever registered for usage.events
    RecordSerdes strict = RecordSerdes.registry(new SchemaRegistrySettings(
        registry.url(), false, java.util.Optional.empty(), java.util.Optional.empty()));
    CascadeTopics strictTopics = new CascadeTopics(strict);
    CancelRequest cancel = CancelRequest.newBuilder()
        .setMessageId("reg-strict")
        .setRequestedAt(Instant.ofEpochMilli(1_775_000_000_000L))
        .build();

    // when / then: message.cancels has no subject under auto-register off -> refused
    assertThatThrownBy(() -> strictTopics
            .messageCancels
            .valueSerde()
            .serializer()
            .serialize("strict.cancels", cancel))
        .isInstanceOf(AvroSerdeException.class)
        .hasMessageContaining("strict.cancels")
        .hasMessageContaining("schema registry");
  }

  private static SendRequest request(String id) {
    return SendRequest.newBuilder()
        .setMessageId(id)
        .setTo("+393401231100")
        .setSteps(List.of(Step.newBuilder()
            .setChannel(Channel.SMS)
            .setSender("BancaAdri")
            .setContent(Content.newBuilder().setText("Codice 123456").build())
            .build()))
        .build();
  }

  private static byte[] readRaw(String topic) {
    java.util.Properties props =
        ClientProperties.consumer(kafkaSettings, "registry-it", "raw-" + topic);
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
      consumer.subscribe(List.of(topic));
      List<byte[]> values = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (values.isEmpty() && System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          values.add(record.value());
        }
      }
      assertThat(values).as("a record on " + topic).isNotEmpty();
      return values.get(0);
    }
  }

  private static int register(String subject, Schema schema) throws Exception {
    String body = JSON.writeValueAsString(Map.of("schema", schema.toString()));
    HttpRequest post = HttpRequest.newBuilder(
            URI.create(registry.ccompatUrl() + "/subjects/" + subject + "/versions"))
        .header("Content-Type", "application/vnd.schemaregistry.v1+json")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
    HttpResponse<String> response = HTTP.send(post, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body()).get("id").asInt();
  }

  private static byte[] confluentBytes(int id, Schema schema, GenericRecord record)
      throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0);
    out.write(ByteBuffer.allocate(4).putInt(id).array());
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
    encoder.flush();
    return out.toByteArray();
  }

  private static JsonNode getJson(String url) throws Exception {
    HttpResponse<String> response = HTTP.send(
        HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(url + ": " + response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }
}
