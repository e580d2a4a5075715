package dev.cascade.fallback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cascade.fallback.metrics.FallbackTimerMetrics;
import dev.cascade.platform.config.ConfigException;
import dev.cascade.platform.config.Settings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;

class FallbackTimerConfigTest {

  @Test
  void kafkaStreamsRunsOneThreadUnlessTold() {
    assertThat(FallbackTimerConfig.from(Settings.of(Map.of())).streamThreads()).isEqualTo(1);
    assertThat(FallbackTimerConfig.from(Settings.of(Map.of("timer.stream.threads", "4")))
            .streamThreads())
        .isEqualTo(4);
  }

  @Test
  void theThreadsReachKafkaStreams() {
    FallbackTimerConfig config =
        FallbackTimerConfig.from(Settings.of(Map.of("timer.stream.threads", "3")));

    var props = FallbackTimerService.streamsProperties(
        new dev.cascade.platform.kafka.KafkaSettings("localhost:9092", 6, (short) 1),
        config,
        new HostInfo("localhost", 8082),
        new FallbackTimerMetrics(new SimpleMeterRegistry()));

    assertThat(props.get(StreamsConfig.NUM_STREAM_THREADS_CONFIG)).isEqualTo(3);
  }

  @Test
  void noThreadIsAMistakeNamedByItsKey() {
    assertThatThrownBy(
            () -> FallbackTimerConfig.from(Settings.of(Map.of("timer.stream.threads", "0"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("timer.stream.threads");
  }
}
