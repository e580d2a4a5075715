package dev.cascade.dlringest;

import dev.cascade.platform.config.Settings;
import dev.cascade.platform.kafka.CascadeTopics;
import dev.cascade.platform.kafka.KafkaSettings;
import dev.cascade.platform.kafka.TopicAdmin;

/** Runs dlr-ingest alone against any Kafka cluster (configuration from CASCADE_* variables). */
public final class DlrIngestApp {

  private DlrIngestApp() {}

  public static void main(String[] args) {
    Settings settings = Settings.fromEnvironment();
    TopicAdmin.ensureTopics(KafkaSettings.from(settings), new CascadeTopics());
    DlrIngestService service = DlrIngestService.start(settings);
    Runtime.getRuntime().addShutdownHook(new Thread(service::close, "dlr-ingest-shutdown"));
  }
}
