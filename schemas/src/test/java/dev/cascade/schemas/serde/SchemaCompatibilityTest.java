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
import dev.cascade.schemas.internal.MessageState;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaNormalization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Cascade wants full compatibility, so producers and consumers can upgrade in any order: every
 * record's current schema is checked against every shipped version in {@link SchemaHistory} in
 * both directions,
 *
 * <ul>
 *   <li>backward: the current schema as reader, the shipped version as writer (an upgraded
 *       consumer reads what old producers wrote, compacted topics and restored stores included);
 *   <li>forward: the shipped version as reader, the current schema as writer (a consumer not yet
 *       upgraded reads what an upgraded producer writes).
 * </ul>
 */
class SchemaCompatibilityTest {

  static Stream<Schema> topicSchemas() {
    return Stream.of(
        SendRequest.getClassSchema(),
        ChannelCommand.getClassSchema(),
        ChannelAttempt.getClassSchema(),
        RawDeliveryReport.getClassSchema(),
        DeliveryReport.getClassSchema(),
        MessageStatus.getClassSchema(),
        MessageOutcome.getClassSchema(),
        UsageEvent.getClassSchema(),
        dev.cascade.schemas.CancelRequest.getClassSchema(),
        dev.cascade.schemas.CallbackDelivery.getClassSchema(),
        dev.cascade.schemas.FallbackPolicy.getClassSchema(),
        // fallback-timer's stored state: a new version must restore what an old one stored
        MessageState.getClassSchema());
  }

  /** What keeps {@code current} from being fully compatible with {@code shipped}; empty if it is. */
  static List<String> incompatibilities(Schema current, Schema shipped) {
    List<String> problems = new ArrayList<>();
    var backward = SchemaCompatibility.checkReaderWriterCompatibility(current, shipped);
    if (backward.getType() != SchemaCompatibilityType.COMPATIBLE) {
      problems.add("backward (current reads shipped): " + describe(backward));
    }
    var forward = SchemaCompatibility.checkReaderWriterCompatibility(shipped, current);
    if (forward.getType() != SchemaCompatibilityType.COMPATIBLE) {
      problems.add("forward (shipped reads current): " + describe(forward));
    }
    return problems;
  }

  private static String describe(SchemaCompatibility.SchemaPairCompatibility result) {
    return result.getResult().getIncompatibilities().stream()
        .map(i -> i.getType() + " at " + i.getLocation() + " (" + i.getMessage() + ")")
        .toList()
        .toString();
  }

  @ParameterizedTest
  @MethodSource("topicSchemas")
  void currentSchemaIsFullyCompatibleWithEveryShippedVersion(Schema current) {
    List<Schema> shipped = SchemaHistory.earlierVersionsOf(current.getFullName());

    assertThat(shipped)
        .as("shipped versions of %s in avro/history", current.getName())
        .isNotEmpty();
    for (int v = 0; v < shipped.size(); v++) {
      assertThat(incompatibilities(current, shipped.get(v)))
          .as("%s against its shipped v%d", current.getName(), v + 1)
          .isEmpty();
    }
  }

  @ParameterizedTest
  @MethodSource("topicSchemas")
  void shippedVersionsAreDistinctSchemas(Schema current) {
    List<Long> fingerprints = SchemaHistory.earlierVersionsOf(current.getFullName()).stream()
        .map(SchemaNormalization::parsingFingerprint64)
        .toList();

    assertThat(fingerprints).as("versions of %s", current.getName()).doesNotHaveDuplicates();
  }

  @Test
  void schemasEditedAfterTheirFirstCommitShipEveryEarlierVersion() {
    // the history once held only today's schemas, so every check compared a schema with itself
    assertThat(SchemaHistory.earlierVersionsOf(MessageStatus.getClassSchema().getFullName()))
        .hasSizeGreaterThanOrEqualTo(3);
    assertThat(SchemaHistory.earlierVersionsOf(MessageOutcome.getClassSchema().getFullName()))
        .hasSizeGreaterThanOrEqualTo(3);
    assertThat(SchemaHistory.earlierVersionsOf(MessageState.getClassSchema().getFullName()))
        .hasSizeGreaterThanOrEqualTo(3);

    Schema statusV1 = SchemaHistory.earlierVersionsOf(
            MessageStatus.getClassSchema().getFullName())
        .getFirst();
    assertThat(statusV1.getField("final")).isNotNull();
    assertThat(statusV1.getField("terminal")).isNull();
    assertThat(attemptRecordOf(statusV1).getField("deliveredProviderMessageIds"))
        .isNull();
  }

  @Test
  void theCheckReportsAFieldAddedWithoutADefault() {
    Schema shipped = SchemaHistory.earlierVersionsOf(
            MessageStatus.getClassSchema().getFullName())
        .getFirst();
    Schema changed = withFields(MessageStatus.getClassSchema(), fields -> {
      fields.add(new Schema.Field("priority", Schema.create(Schema.Type.INT)));
      return fields;
    });

    assertThat(incompatibilities(changed, shipped))
        .singleElement()
        .asString()
        .startsWith("backward")
        .contains("priority");
  }

  @Test
  void theCheckReportsARemovedFieldThatHadNoDefault() {
    Schema shipped = SchemaHistory.earlierVersionsOf(
            MessageStatus.getClassSchema().getFullName())
        .getFirst();
    Schema changed = withFields(MessageStatus.getClassSchema(), fields -> {
      fields.removeIf(field -> field.name().equals("updatedAt"));
      return fields;
    });

    assertThat(incompatibilities(changed, shipped))
        .singleElement()
        .asString()
        .startsWith("forward")
        .contains("updatedAt");
  }

  @Test
  void theCheckReportsARetypedField() {
    Schema shipped = SchemaHistory.earlierVersionsOf(
            MessageOutcome.getClassSchema().getFullName())
        .getFirst();
    Schema changed = withFields(MessageOutcome.getClassSchema(), fields -> {
      fields.replaceAll(field -> field.name().equals("fallbackCount")
          ? new Schema.Field("fallbackCount", Schema.create(Schema.Type.STRING))
          : field);
      return fields;
    });

    assertThat(incompatibilities(changed, shipped)).hasSize(2);
  }

  private static Schema attemptRecordOf(Schema status) {
    return status.getField("attempts").schema().getElementType();
  }

  /** A copy of {@code record} with its fields edited. */
  private static Schema withFields(Schema record, UnaryOperator<List<Schema.Field>> edit) {
    List<Schema.Field> fields = new ArrayList<>();
    for (Schema.Field field : record.getFields()) {
      fields.add(new Schema.Field(field, field.schema()));
    }
    return Schema.createRecord(
        record.getName(), record.getDoc(), record.getNamespace(), false, edit.apply(fields));
  }
}
