package dev.cascade.platform.kafka;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;

/**
 * A test class that runs against {@link TestKafka}'s broker. With {@code
 * -Dcascade.kafka=testcontainers} and no Docker engine, the class is disabled before anything
 * starts, and the reports count its tests as skipped with the reason (an assumption failing in
 * {@code @BeforeAll} would be reported as no tests at all).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(NeedsKafka.BrokerAvailable.class)
public @interface NeedsKafka {

  /** Enabled unless the switch asks for a container and no Docker engine answers. */
  final class BrokerAvailable implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      if (!"testcontainers".equals(TestKafka.kind())) {
        return ConditionEvaluationResult.enabled("broker: " + TestKafka.kind());
      }
      if (DockerClientFactory.instance().isDockerAvailable()) {
        return ConditionEvaluationResult.enabled("broker: an apache/kafka container");
      }
      String reason = "-D" + TestKafka.SWITCH + "=testcontainers needs a Docker engine and none"
          + " was found (DOCKER_HOST or the local socket): skipped";
      System.err.println(context.getDisplayName() + ": " + reason);
      return ConditionEvaluationResult.disabled(reason);
    }
  }
}
