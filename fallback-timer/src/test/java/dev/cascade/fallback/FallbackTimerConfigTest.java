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

    assertThat(streamsProperties(config).get(StreamsConfig.NUM_STREAM_THREADS_CONFIG))
        .isEqualTo(3);
  }

  private static java.util.Properties streamsProperties(FallbackTimerConfig config) {
    return FallbackTimerService.streamsProperties(
        new dev.cascade.platform.kafka.KafkaSettings("localhost:9092", 6, (short) 1),
        config,
        new HostInfo("localhost", 8082),
        new FallbackTimerMetrics(new SimpleMeterRegistry()));
  }

  @Test
  void kafkaStreamsCommitsEveryTenthOfASecondUnlessTold() {
    FallbackTimerConfig defaults = FallbackTimerConfig.from(Settings.of(Map.of()));
    FallbackTimerConfig slower =
        FallbackTimerConfig.from(Settings.of(Map.of("timer.commit.interval", "500ms")));

    assertThat(streamsProperties(defaults).get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG))
        .isEqualTo(100L);
    assertThat(streamsProperties(slower).get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG))
        .isEqualTo(500L);
    assertThatThrownBy(
            () -> FallbackTimerConfig.from(Settings.of(Map.of("timer.commit.interval", "0ms"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("timer.commit.interval");
  }

  @Test
  void noThreadIsAMistakeNamedByItsKey() {
    assertThatThrownBy(
            () -> FallbackTimerConfig.from(Settings.of(Map.of("timer.stream.threads", "0"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("timer.stream.threads");
  }
}
