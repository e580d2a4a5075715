package dev.cascade.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cascade.platform.kafka.KafkaSettings;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {

  @Test
  void parsesTypedValuesAndFallsBackToDefaults() {
    Settings settings =
        Settings.of(Map.of("timer.tick", "250ms", "a.b", "7", "flag", "yes", "ttl", "PT4H"));

    assertThat(settings.duration("timer.tick", Duration.ZERO)).isEqualTo(Duration.ofMillis(250));
    assertThat(settings.duration("ttl", Duration.ZERO)).isEqualTo(Duration.ofHours(4));
    assertThat(settings.integer("a.b", 0)).isEqualTo(7);
    assertThat(settings.bool("flag", false)).isTrue();
    assertThat(settings.string("missing", "fallback")).isEqualTo("fallback");
  }

  @Test
  void aMalformedValueFailsNamingTheKeyAndItsEnvironmentVariable() {
    Settings settings = Settings.of(Map.of("kafka.partitions", "six"));

    assertThatThrownBy(() -> KafkaSettings.from(settings))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("kafka.partitions")
        .hasMessageContaining("CASCADE_KAFKA_PARTITIONS")
        .hasMessageContaining("six");
  }

  @Test
  void explicitValuesWinOverDefaults() {
    Settings settings = Settings.of(Map.of("intake.http.port", "0"))
        .withDefaults(Map.of("intake.http.port", "8080", "x", "1"));

    assertThat(settings.integer("intake.http.port", -1)).isZero();
    assertThat(settings.integer("x", -1)).isEqualTo(1);
  }
}
