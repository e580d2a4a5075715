package dev.cascade.workers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cascade.schemas.AttemptResult;
import dev.cascade.schemas.Channel;
import dev.cascade.workers.provider.ProviderContext.CacheLookup;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** channel-workers' meters as Prometheus reads them: at zero from the start, for its own channels. */
class WorkerMetricsTest {

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  @Test
  void aWorkerOfRcsAndSmsExposesTheirProvidersResultsAndDeadLetterTopicsAtZero() {
    // when
    new WorkerMetrics(registry, Set.of(Channel.RCS, Channel.SMS));

    // then: every provider of those channels in the catalogue, every result
    String scrape = registry.scrape();
    for (AttemptResult result : AttemptResult.values()) {
      assertThat(scrape)
          .contains("cascade_attempts_total{channel=\"SMS\",provider=\"smpp\",result=\""
              + result.name() + "\"} 0.0")
          .contains("cascade_attempts_total{channel=\"RCS\",provider=\"rbm\",result=\""
              + result.name() + "\"} 0.0");
    }
    assertThat(scrape)
        .contains(
            "cascade_attempts_total{channel=\"SMS\",provider=\"infobip\",result=\"ACCEPTED\"} 0.0")
        .contains("cascade_provider_request_seconds_count{provider=\"rbm\"} 0")
        .contains("cascade_capability_cache_total{result=\"hit\"} 0.0")
        .contains("cascade_capability_cache_total{result=\"miss\"} 0.0")
        .contains("cascade_dlq_total{topic=\"channel.commands.rcs.dlq\"} 0.0")
        .contains("cascade_dlq_total{topic=\"channel.commands.sms.dlq\"} 0.0")
        // channels this worker does not serve are not its business
        .doesNotContain("channel=\"WHATSAPP\"")
        .doesNotContain("provider=\"meta\"");
  }

  @Test
  void eachEventMovesOnlyItsOwnSeries() {
    // given
    WorkerMetrics metrics = new WorkerMetrics(registry, Set.of(Channel.RCS));

    // when
    metrics.attempt(Channel.RCS, "rbm", AttemptResult.NOT_CAPABLE);
    metrics.capabilityLookup(CacheLookup.MISS);
    metrics.providerCall("rbm", Duration.ofMillis(40));

    // then
    assertThat(registry.scrape())
        .contains(
            "cascade_attempts_total{channel=\"RCS\",provider=\"rbm\",result=\"NOT_CAPABLE\"} 1.0")
        .contains(
            "cascade_attempts_total{channel=\"RCS\",provider=\"rbm\",result=\"ACCEPTED\"} 0.0")
        .contains("cascade_capability_cache_total{result=\"miss\"} 1.0")
        .contains("cascade_capability_cache_total{result=\"hit\"} 0.0")
        .contains("cascade_provider_request_seconds_count{provider=\"rbm\"} 1");
  }

  @Test
  void failoversBetweenEachPairOfAChannelsProvidersStartAtZeroAndCountApart() {
    // given
    WorkerMetrics metrics = new WorkerMetrics(registry, Set.of(Channel.SMS, Channel.RCS));

    // when
    metrics.failover(Channel.SMS, "smpp", "infobip");

    // then
    assertThat(registry.scrape())
        .contains(
            "cascade_provider_failover_total{channel=\"SMS\",from=\"smpp\",to=\"infobip\"} 1.0")
        .contains(
            "cascade_provider_failover_total{channel=\"SMS\",from=\"infobip\",to=\"smpp\"} 0.0")
        .contains(
            "cascade_provider_failover_total{channel=\"RCS\",from=\"rbm\",to=\"infobip\"} 0.0")
        .doesNotContain("from=\"smpp\",to=\"smpp\"");
  }

  @Test
  void theCircuitGaugeReadsZeroClosedOneHalfOpenTwoOpen() {
    // given
    CircuitBreaker smpp = CircuitBreaker.ofDefaults("smpp");
    new WorkerMetrics(registry, Set.of(Channel.SMS)).circuits(Map.of("smpp", smpp));

    // then: at zero from the start
    assertThat(registry.scrape()).contains("cascade_provider_circuit_state{provider=\"smpp\"} 0.0");

    // when / then
    smpp.transitionToOpenState();
    assertThat(registry.scrape()).contains("cascade_provider_circuit_state{provider=\"smpp\"} 2.0");
    smpp.transitionToHalfOpenState();
    assertThat(registry.scrape()).contains("cascade_provider_circuit_state{provider=\"smpp\"} 1.0");
    smpp.transitionToClosedState();
    assertThat(registry.scrape()).contains("cascade_provider_circuit_state{provider=\"smpp\"} 0.0");
  }
}
