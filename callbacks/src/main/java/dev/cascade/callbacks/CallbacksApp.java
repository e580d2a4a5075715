package dev.cascade.callbacks;

import dev.cascade.platform.config.Settings;
import dev.cascade.platform.kafka.CascadeTopics;
import dev.cascade.platform.kafka.KafkaSettings;
import dev.cascade.platform.kafka.TopicAdmin;

/** Runs the callbacks service alone against any Kafka cluster (configuration from CASCADE_*). */
public final class CallbacksApp {

  private CallbacksApp() {}

  public static void main(String[] args) {
    Settings settings = Settings.fromEnvironment();
    TopicAdmin.ensureTopics(KafkaSettings.from(settings), new CascadeTopics());
    CallbacksService service = CallbacksService.start(
        settings,
        // exit from another thread: the shutdown hook waits for the stream thread that calls this
        () -> new Thread(() -> System.exit(1), "callbacks-exit").start());
    Runtime.getRuntime().addShutdownHook(new Thread(service::close, "callbacks-shutdown"));
  }
}
