package dev.cascade.intake;

import dev.cascade.platform.config.Settings;
import dev.cascade.platform.kafka.CascadeTopics;
import dev.cascade.platform.kafka.KafkaSettings;
import dev.cascade.platform.kafka.TopicAdmin;

/** Runs send-intake alone against any Kafka cluster (configuration from CASCADE_* variables). */
public final class SendIntakeApp {

  private SendIntakeApp() {}

  public static void main(String[] args) {
    Settings settings = Settings.fromEnvironment();
    TopicAdmin.ensureTopics(KafkaSettings.from(settings), new CascadeTopics());
    SendIntakeService service = SendIntakeService.start(settings);
    Runtime.getRuntime().addShutdownHook(new Thread(service::close, "send-intake-shutdown"));
  }
}
