package dev.cascade.platform.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates Cascade's topics when they are missing; existing topics are left as they are. */
public final class TopicAdmin {

  private static final Logger LOGGER = LoggerFactory.getLogger(TopicAdmin.class);

  private TopicAdmin() {}

  public static void ensureTopics(KafkaSettings kafka, CascadeTopics topics) {
    List<NewTopic> wanted = new ArrayList<>();
    for (TopicSpec<?, ?> topic : topics.all()) {
      NewTopic main = new NewTopic(topic.name(), kafka.partitions(), kafka.replicationFactor());
      if (topic.compacted()) {
        main.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
      }
      wanted.add(main);
      wanted.add(new NewTopic(topic.dlqName(), kafka.partitions(), kafka.replicationFactor()));
    }
    for (String dlq : topics.otherDeadLetterTopics()) {
      wanted.add(new NewTopic(dlq, kafka.partitions(), kafka.replicationFactor()));
    }
    try (Admin admin = Admin.create(ClientProperties.admin(kafka, "cascade-topic-admin"))) {
      Set<String> existing = admin.listTopics().names().get();
      List<NewTopic> missing =
          wanted.stream().filter(t -> !existing.contains(t.name())).toList();
      if (missing.isEmpty()) {
        return;
      }
      for (var entry : admin.createTopics(missing).values().entrySet()) {
        try {
          entry.getValue().get();
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw new IllegalStateException("cannot create topic " + entry.getKey(), e.getCause());
          }
        }
      }
      LOGGER.atInfo().addKeyValue("count", missing.size()).log("created topics");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "cannot list topics on " + kafka.bootstrapServers(), e.getCause());
    }
  }
}
