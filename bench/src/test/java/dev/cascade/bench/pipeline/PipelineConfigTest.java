package dev.cascade.bench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PipelineConfigTest {

  @Test
  void searchReplacesTheRateListAndIsRepeatedInTheCommand() {
    PipelineConfig config = PipelineConfig.parse(new String[] {
      "--provider", "fast", "--search", "200,800", "--search-step", "50", "--steady", "300"
    });

    assertThat(config.plan()).isInstanceOf(RatePlan.Search.class);
    assertThat(config.plan().next()).hasValue(200);
    assertThat(config.command())
        .contains("--search 200,800 --search-step 50 --warmup 30 --steady 300")
        .doesNotContain("--rate");
  }

  @Test
  void aRateListIsOfferedAsGiven() {
    PipelineConfig config = PipelineConfig.parse(new String[] {"--rate", "300,500"});

    assertThat(config.plan()).isInstanceOf(RatePlan.Fixed.class);
    assertThat(config.command()).contains("--rate 300,500");
  }

  @Test
  void refusesBothARateListAndASearch() {
    assertThatThrownBy(
            () -> PipelineConfig.parse(new String[] {"--rate", "300", "--search", "1,9"}))
        .hasMessageContaining("exclude each other");
    assertThatThrownBy(() -> PipelineConfig.parse(new String[] {"--search", "900,100"}))
        .hasMessageContaining("0 < LOW < HIGH");
    assertThatThrownBy(() -> PipelineConfig.parse(new String[] {"--search", "100"}))
        .hasMessageContaining("LOW,HIGH");
  }
}
