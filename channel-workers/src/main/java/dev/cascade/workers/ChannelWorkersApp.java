package dev.cascade.workers;

import dev.cascade.platform.config.Settings;
import dev.cascade.platform.kafka.CascadeTopics;
import dev.cascade.platform.kafka.KafkaSettings;
import dev.cascade.platform.kafka.TopicAdmin;

/** Runs channel-workers alone against any Kafka cluster (configuration from CASCADE_* variables). */
public final class ChannelWorkersApp {

  private ChannelWorkersApp() {}

  public static void main(String[] args) {
    Settings settings = Settings.fromEnvironment();
    TopicAdmin.ensureTopics(KafkaSettings.from(settings), new CascadeTopics());
    ChannelWorkersService service = ChannelWorkersService.start(
        settings,
        // exit from another thread: the shutdown hook joins the worker thread that calls this
        () -> new Thread(() -> System.exit(1), "channel-workers-exit").start());
    Runtime.getRuntime().addShutdownHook(new Thread(service::close, "channel-workers-shutdown"));
  }
}
