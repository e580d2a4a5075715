package dev.cascade.bench.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The fault suite's small version, for CI: a standalone broker and each service in its own JVM on
 * loopback, a few hundred messages, each service SIGKILLed once (one of two fallback-timers for
 * good), the broker restarted once. {@code bench/run faults} is the big one.
 */
class FaultSuiteIT {

  @Test
  void nothingAcceptedIsLostOrEndedTwiceThroughEveryKill() throws Exception {
    // given: the repository (the working directory is the bench module)
    Path root = Path.of("").toAbsolutePath().getParent();

    // when: 200 messages at 4 a second (50 s of load, the faults injected during it, each at its
    // time), afterSeconds 12, late WhatsApp deliveries 6 s after the send
    String[] scenario = {
      "--messages",
      "200",
      "--rate",
      "4",
      "--after",
      "12",
      "--late",
      "6",
      "--downtime",
      "3",
      "--partitions",
      "4",
      "--drain",
      "180",
      "--name",
      "faults-ci"
    };
    FaultSuite.Result result = FaultSuite.run(root, scenario);

    // then
    Map<String, Double> figures = result.figures();
    System.out.println(FaultsBench.report(FaultConfig.parse(scenario), "CI", "-", "-", result));
    assertThat(result.faults()).hasSize(FaultSuite.Fault.values().length);
    assertThat(result.faults())
        .as("every fault recovered by itself")
        .allSatisfy(fault -> assertThat(fault.recoverySeconds()).isPositive());
    assertThat(figures.get("accepted")).isGreaterThan(180.0);
    assertThat(figures.get("lost")).as("202 without an outcome").isZero();
    assertThat(figures.get("accepted_not_stored"))
        .as("202 for a request not stored")
        .isZero();
    assertThat(figures.get("duplicate_outcomes")).isZero();
    assertThat(figures.get("broker_outage_answers_503"))
        .as("send-intake answered 503 while the broker was down")
        .isPositive();
    assertThat(figures.get("broker_outage_answers_503"))
        .as("every 503 is problem+json")
        .isEqualTo(figures.get("broker_outage_answers_503_problem_json"));
    assertThat(figures.keySet().stream().filter(key -> key.startsWith("broker_outage_answers_")))
        .as("while the broker restarted: 202 (stored), 503, or no connection")
        .allMatch(
            key -> key.matches("broker_outage_answers_(202|503|503_problem_json|connection)"));
    assertThat(figures.getOrDefault("answers_503", 0.0))
        .as("every 503 is problem+json")
        .isEqualTo(figures.get("answers_503_problem_json"));
  }
}
