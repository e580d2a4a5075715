package dev.cascade.intake;

import dev.cascade.intake.http.IntakeMetrics;
import dev.cascade.intake.http.MessagesRoutes;
import dev.cascade.intake.http.SendIntakeConfig;
import dev.cascade.platform.config.DevelopmentSecrets;
import dev.cascade.platform.config.DevelopmentSecrets.Secret;
import dev.cascade.platform.config.Settings;
import dev.cascade.platform.http.HttpServer;
import dev.cascade.platform.kafka.CascadeTopics;
import dev.cascade.platform.kafka.KafkaSettings;
import dev.cascade.platform.kafka.RecordSender;
import dev.cascade.platform.metrics.KafkaClientMeters;
import dev.cascade.platform.metrics.MetricsSetup;
import dev.cascade.platform.serde.RecordSerdes;
import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** send-intake running: the HTTP API in front of send.requests. */
public final class SendIntakeService implements AutoCloseable {

  private static final Logger LOGGER = LoggerFactory.getLogger(SendIntakeService.class);

  private final RecordSender sender;
  private final Javalin http;
  private final KafkaClientMeters kafkaMeters;

  private SendIntakeService(RecordSender sender, Javalin http, KafkaClientMeters kafkaMeters) {
    this.sender = sender;
    this.http = http;
    this.kafkaMeters = kafkaMeters;
  }

  public static SendIntakeService start(Settings settings) {
    KafkaSettings kafka = KafkaSettings.from(settings);
    SendIntakeConfig config = SendIntakeConfig.from(settings);
    DevelopmentSecrets.check(
        settings,
        "send-intake",
        List.of(new Secret(
            "intake.api.keys",
            DevelopmentSecrets.VALUES.stream().anyMatch(config.apiKeys()::accepts))));
    CascadeTopics topics = new CascadeTopics(RecordSerdes.from(settings));
    PrometheusMeterRegistry registry = MetricsSetup.prometheus("send-intake");
    RecordSender sender = RecordSender.create(kafka, "cascade-send-intake");
    KafkaClientMeters kafkaMeters = new KafkaClientMeters(registry, "send-intake");
    kafkaMeters.bind(sender.producer());
    Javalin http = HttpServer.create(registry, () -> sender.connectedTo(topics.sendRequests));
    MessagesRoutes.create(config, sender, topics, new IntakeMetrics(registry)).register(http);
    http.start(config.httpPort());
    LOGGER.atInfo().addKeyValue("port", http.port()).log("send-intake started");
    return new SendIntakeService(sender, http, kafkaMeters);
  }

  public int port() {
    return http.port();
  }

  @Override
  public void close() {
    http.stop();
    kafkaMeters.close();
    sender.close();
  }
}
