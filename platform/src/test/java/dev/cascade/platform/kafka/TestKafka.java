package dev.cascade.platform.kafka;

import java.util.Locale;

/**
 * The broker an integration test runs against. By default the embedded one ({@link
 * EmbeddedKafka}); with {@code -Dcascade.kafka=testcontainers} (or the Maven profile {@code
 * testcontainers}) a real {@code apache/kafka} container of our Kafka version ({@link
 * ContainerKafka}) — and without a Docker engine the test is skipped, saying so.
 */
public final class TestKafka {

  /** The system property that picks the broker: {@code embedded} (default) or testcontainers. */
  public static final String SWITCH = "cascade.kafka";

  private TestKafka() {}

  /** A started broker of the kind the switch names. */
  public static KafkaBroker start() {
    return switch (kind()) {
      case "embedded" -> EmbeddedKafka.start();
      case "testcontainers" -> ContainerKafka.start();
      default ->
        throw new IllegalArgumentException("-D" + SWITCH + " must be embedded or testcontainers,"
            + " not '" + System.getProperty(SWITCH) + "'");
    };
  }

  /** {@code embedded} or {@code testcontainers}. */
  public static String kind() {
    return System.getProperty(SWITCH, "embedded").strip().toLowerCase(Locale.ROOT);
  }
}
