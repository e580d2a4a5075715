package dev.cascade.intake;

import dev.cascade.intake.activity.ActivityReader;
import dev.cascade.intake.activity.RecentActivity;
import dev.cascade.intake.http.ActivityRoutes;
import dev.cascade.intake.http.ConsoleRoutes;
import dev.cascade.intake.http.IntakeMetrics;
import dev.cascade.intake.http.MessagesRoutes;
import dev.cascade.intake.http.PoliciesRoutes;
import dev.cascade.intake.http.SendIntakeConfig;
import dev.cascade.intake.policies.PolicyFollower;
import dev.cascade.intake.policies.PolicyStore;
import dev.cascade.platform.config.DevelopmentSecrets;
import dev.cascade.platform.config.DevelopmentSecrets.Secret;
import dev.cascade.platform.config.Settings;
import dev.cascade.platform.http.HttpServer;
import dev.cascade.platform.kafka.CascadeTopics;
import dev.cascade.platform.kafka.KafkaSettings;
import dev.cascade.platform.kafka.RecordSender;
import dev.cascade.platform.metrics.KafkaClientMeters;
import dev.cascade.platform.metrics.MetricsSetup;
import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** send-intake running: the HTTP API in front of send.requests. */
public final class SendIntakeService implements AutoCloseable {

  private static final Logger LOGGER = LoggerFactory.getLogger(SendIntakeService.class);

  private final RecordSender sender;
  private final PolicyFollower policyFollower;
  private final Javalin http;
  private final KafkaClientMeters kafkaMeters;
  private final ActivityReader activityReader;

  private SendIntakeService(
      RecordSender sender,
      PolicyFollower policyFollower,
      Javalin http,
      KafkaClientMeters kafkaMeters,
      ActivityReader activityReader) {
    this.sender = sender;
    this.policyFollower = policyFollower;
    this.http = http;
    this.kafkaMeters = kafkaMeters;
    this.activityReader = activityReader;
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
    CascadeTopics topics = new CascadeTopics();
    PrometheusMeterRegistry registry = MetricsSetup.prometheus("send-intake");
    RecordSender sender = RecordSender.create(kafka, "cascade-send-intake");
    KafkaClientMeters kafkaMeters = new KafkaClientMeters(registry, "send-intake");
    kafkaMeters.bind(sender.producer());
    PolicyStore policies = new PolicyStore();
    PolicyFollower policyFollower = PolicyFollower.start(kafka, topics.fallbackPolicies, policies);
    // ready once Kafka is reachable and every stored policy is read (SPEC section 10)
    Javalin http = HttpServer.create(
        registry,
        () -> sender.connectedTo(topics.sendRequests)
            && policies.loaded()
            && policyFollower.healthy());
    MessagesRoutes.create(config, sender, topics, new IntakeMetrics(registry), policies)
        .register(http);
    PoliciesRoutes.create(config, sender, topics, policies).register(http);
    RecentActivity activity = new RecentActivity(config.activityWindow());
    new ActivityRoutes(config.apiKeys(), activity, Clock.systemUTC()).register(http);
    new ConsoleRoutes().register(http);
    ActivityReader activityReader =
        new ActivityReader(kafka, topics, activity, Clock.systemUTC()).start();
    http.start(config.httpPort());
    LOGGER.atInfo().addKeyValue("port", http.port()).log("send-intake started");
    return new SendIntakeService(sender, policyFollower, http, kafkaMeters, activityReader);
  }

  public int port() {
    return http.port();
  }

  @Override
  public void close() {
    http.stop();
    policyFollower.close();
    activityReader.close();
    kafkaMeters.close();
    sender.close();
  }
}
