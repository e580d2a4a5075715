package dev.cascade.platform.kafka;

import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A real Kafka broker in a container: the {@code apache/kafka} image of the Kafka version our
 * clients are (so the same broker as the embedded one and docker-compose.yml), through
 * Testcontainers. Without a Docker engine, {@link #start()} aborts the calling test with a JUnit
 * assumption: the test shows as skipped with the reason, never as passed.
 */
public final class ContainerKafka implements KafkaBroker {

  private final KafkaContainer container;

  private ContainerKafka(KafkaContainer container) {
    this.container = container;
  }

  /** The image: {@code apache/kafka} at the kafka-clients version on the classpath. */
  public static DockerImageName image() {
    return DockerImageName.parse("apache/kafka:" + AppInfoParser.getVersion());
  }

  public static ContainerKafka start() {
    assumeDocker("-D" + TestKafka.SWITCH + "=testcontainers");
    KafkaContainer container = new KafkaContainer(image());
    container.start();
    return new ContainerKafka(container);
  }

  /** Skips the calling test, visibly, when no Docker engine answers. */
  public static void assumeDocker(String what) {
    Assumptions.assumeTrue(
        DockerClientFactory.instance().isDockerAvailable(),
        what + " needs a Docker engine and none was found (DOCKER_HOST or the local socket):"
            + " skipped");
  }

  @Override
  public String bootstrapServers() {
    return container.getBootstrapServers();
  }

  @Override
  public void close() {
    container.stop();
  }
}
