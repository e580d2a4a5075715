package dev.cascade.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsTest {

  @TempDir
  Path directory;

  @Test
  void everyKeyIsPresentAndOneWithoutANumberSaysWhy() throws Exception {
    // given
    Results results = new Results(directory, "abc1234", LocalDate.of(2026, 11, 23));
    // when
    results.update(
        Map.of("intake_requests_per_s", 4321.987), Map.of(), "bench/run intake", "2 cores");
    // then
    JsonNode json = new ObjectMapper().readTree(directory.resolve("latest.json").toFile());
    assertThat(json.get("date").asText()).isEqualTo("2026-11-23");
    assertThat(json.get("commit").asText()).isEqualTo("abc1234");
    assertThat(json.get("machine").asText()).isEqualTo("2 cores");
    assertThat(json.get("intake_requests_per_s").asDouble()).isEqualTo(4322);
    for (String key : Results.KEYS.keySet()) {
      assertThat(json.has(key)).as(key).isTrue();
      if (json.get(key).isNull()) {
        assertThat(json.get("notes").get(key).asText()).as(key).isNotBlank();
      }
    }
    assertThat(json.get("sources").get("intake_requests_per_s").asText())
        .startsWith("bench/run intake");
  }

  @Test
  void aLaterBenchmarkKeepsTheFiguresOfAnother() throws Exception {
    // given
    Results results = new Results(directory, "abc1234", LocalDate.of(2026, 11, 23));
    results.update(Map.of("intake_requests_per_s", 4000.0), Map.of(), "bench/run intake", "m");
    // when
    Map<String, Double> figures = new LinkedHashMap<>();
    figures.put("timer_10k_per_s_p99_ms", null);
    results.update(
        figures, Map.of("timer_10k_per_s_p99_ms", "did not finish"), "bench/run timer-lag", "m");
    // then
    JsonNode json = new ObjectMapper().readTree(directory.resolve("latest.json").toFile());
    assertThat(json.get("intake_requests_per_s").asDouble()).isEqualTo(4000);
    assertThat(json.get("timer_10k_per_s_p99_ms").isNull()).isTrue();
    assertThat(json.get("notes").get("timer_10k_per_s_p99_ms").asText())
        .isEqualTo("did not finish");
  }

  @Test
  void roundsToThreeSignificantDigitsBelowAHundred() {
    assertThat(Results.round(12.3456)).isEqualTo(12.3);
    assertThat(Results.round(0.0012345)).isEqualTo(0.00123);
    assertThat(Results.round(12345.6)).isEqualTo(12346);
  }
}
