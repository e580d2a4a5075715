package dev.cascade.fallback;

import dev.cascade.platform.config.Settings;
import dev.cascade.platform.kafka.CascadeTopics;
import dev.cascade.platform.kafka.KafkaSettings;
import dev.cascade.platform.kafka.TopicAdmin;

/** Runs fallback-timer alone against any Kafka cluster (configuration from CASCADE_* variables). */
public final class FallbackTimerApp {

  private FallbackTimerApp() {}

  public static void main(String[] args) {
    Settings settings = Settings.fromEnvironment();
    TopicAdmin.ensureTopics(KafkaSettings.from(settings), new CascadeTopics());
    FallbackTimerService service = FallbackTimerService.start(
        settings,
        // exit from another thread: the shutdown hook waits for the stream thread that calls this
        () -> new Thread(() -> System.exit(1), "fallback-timer-exit").start());
    Runtime.getRuntime().addShutdownHook(new Thread(service::close, "fallback-timer-shutdown"));
  }
}
