package dev.cascade.fallback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cascade.fallback.metrics.FallbackTimerMetrics;
import dev.cascade.platform.kafka.Dlq;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

class ProcessingDeadLetterHandlerTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final ProcessingDeadLetterHandler handler = new ProcessingDeadLetterHandler();

  ProcessingDeadLetterHandlerTest() {
    handler.configure(Map.of(
        DeadLetterHandler.METRICS_CONFIG,
        new FallbackTimerMetrics(registry),
        DeadLetterHandler.CLOCK_CONFIG,
        Clock.fixed(Instant.parse("2026-04-09T10:00:00Z"), ZoneOffset.UTC)));
  }

  @Test
  void aRecordThatMakesProcessingThrowGoesToItsDeadLetterTopicAndTheAppGoesOn() {
    // issue 10 item 4: under exactly-once, a failing record would otherwise crash-loop the app
    byte[] key = "m-1".getBytes(StandardCharsets.UTF_8);
    byte[] value = {1, 2, 3};

    ProcessingExceptionHandler.Response response = handler.handleError(
        context("channel.attempts", key, value),
        new Record<>("m-1", "x", 0L),
        new IllegalStateException("bug"));

    assertThat(response.result()).isEqualTo(ProcessingExceptionHandler.Result.RESUME);
    assertThat(response.deadLetterQueueRecords()).singleElement().satisfies(record -> {
      assertThat(record.topic()).isEqualTo("channel.attempts.dlq");
      assertThat(record.key()).isEqualTo(key);
      assertThat(record.value()).isEqualTo(value);
      assertThat(header(record, Dlq.ERROR_HEADER)).isEqualTo("bug");
      assertThat(header(record, Dlq.ERROR_CLASS_HEADER))
          .isEqualTo(IllegalStateException.class.getName());
      assertThat(header(record, Dlq.FAILED_AT_HEADER)).isEqualTo("2026-04-09T10:00:00Z");
    });
    assertThat(registry
            .get("cascade.dlq")
            .tag("topic", "channel.attempts.dlq")
            .counter()
            .count())
        .isEqualTo(1);
  }

  @Test
  void aFailingPunctuationIsLoggedAndResumedWithNothingToSetAside() {
    ProcessingExceptionHandler.Response response = handler.handleError(
        context(null, null, null), new Record<>("m-1", "x", 0L), new IllegalStateException("bug"));

    assertThat(response.result()).isEqualTo(ProcessingExceptionHandler.Result.RESUME);
    assertThat(response.deadLetterQueueRecords()).isEmpty();
  }

  private static String header(ProducerRecord<byte[], byte[]> record, String name) {
    return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }

  private static ErrorHandlerContext context(String topic, byte[] key, byte[] value) {
    return new ErrorHandlerContext() {
      @Override
      public String topic() {
        return topic;
      }

      @Override
      public int partition() {
        return 0;
      }

      @Override
      public long offset() {
        return 42;
      }

      @Override
      public Headers headers() {
        return new RecordHeaders();
      }

      @Override
      public String processorNodeId() {
        return "orchestrator";
      }

      @Override
      public TaskId taskId() {
        return new TaskId(0, 0);
      }

      @Override
      public long timestamp() {
        return 0;
      }

      @Override
      public byte[] sourceRawKey() {
        return key;
      }

      @Override
      public byte[] sourceRawValue() {
        return value;
      }
    };
  }
}
