package dev.cascade.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cascade.schemas.ChannelAttempt;
import dev.cascade.schemas.ChannelCommand;
import dev.cascade.schemas.DeliveryReport;
import dev.cascade.schemas.MessageOutcome;
import dev.cascade.schemas.MessageStatus;
import dev.cascade.schemas.RawDeliveryReport;
import dev.cascade.schemas.SendRequest;
import dev.cascade.schemas.UsageEvent;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every topic record's current schema must read data written with each earlier shipped version
 * (backward), and each earlier version must read data written with the current one (forward), so
 * producers and consumers can upgrade in any order.
 */
class SchemaCompatibilityTest {

  static Stream<Schema> topicSchemas() {
    return Stream.of(SendRequest.getClassSchema(), ChannelCommand.getClassSchema(),
        ChannelAttempt.getClassSchema(), RawDeliveryReport.getClassSchema(),
        DeliveryReport.getClassSchema(), MessageStatus.getClassSchema(),
        MessageOutcome.getClassSchema(), UsageEvent.getClassSchema(),
        // fallback-timer's stored state: a new version must restore what an old one stored
        dev.cascade.schemas.internal.MessageState.getClassSchema());
  }

  @ParameterizedTest
  @MethodSource("topicSchemas")
  void currentSchemaIsFullyCompatibleWithEveryShippedVersion(Schema current) {
    List<Schema> earlier = SchemaHistory.earlierVersionsOf(current.getFullName());

    assertThat(earlier).as("shipped versions of %s in avro/history", current.getName()).isNotEmpty();
    for (Schema old : earlier) {
      assertThat(SchemaCompatibility.checkReaderWriterCompatibility(current, old).getType())
          .as("%s can read data written with a shipped version", current.getName())
          .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
      assertThat(SchemaCompatibility.checkReaderWriterCompatibility(old, current).getType())
          .as("a shipped version of %s can read data written with the current one", current.getName())
          .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
    }
  }
}
