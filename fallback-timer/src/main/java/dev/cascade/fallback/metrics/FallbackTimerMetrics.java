package dev.cascade.fallback.metrics;

import dev.cascade.fallback.orchestration.Effect;
import dev.cascade.fallback.orchestration.StatusValue;
import dev.cascade.platform.metrics.DlqMeter;
import dev.cascade.schemas.AttemptRecord;
import dev.cascade.schemas.Channel;
import dev.cascade.schemas.MessageOutcome;
import dev.cascade.schemas.MessageStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** fallback-timer's meters (SPEC section 6): names, tags and descriptions in one place. */
public final class FallbackTimerMetrics {

  private final MeterRegistry registry;
  private final Map<String, Long> timersPendingByTask = new ConcurrentHashMap<>();
  private final Timer timerFireLag;
  private final DlqMeter dlq;

  public FallbackTimerMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.dlq = new DlqMeter(registry);
    this.timerFireLag = Timer.builder("cascade.timer.fire.lag")
        .description("How late a timer fired after its due time")
        .publishPercentileHistogram()
        .register(registry);
    Gauge.builder(
            "cascade.timers.pending",
            timersPendingByTask,
            byTask -> byTask.values().stream().mapToLong(Long::longValue).sum())
        .description("Timers waiting in the timer index of this instance")
        .register(registry);
  }

  public void received(boolean viaHttp) {
    Counter.builder("cascade.messages.received")
        .description("Send requests taken in")
        .tag("source", viaHttp ? "http" : "kafka")
        .register(registry)
        .increment();
  }

  public void report(Channel channel, String status) {
    Counter.builder("cascade.reports")
        .description("Correlated delivery reports")
        .tag("channel", channel.name())
        .tag("status", status)
        .register(registry)
        .increment();
  }

  public void unmatched(String provider) {
    Counter.builder("cascade.reports.unmatched")
        .description("Provider reports that matched no attempt within the correlation window")
        .tag("provider", provider)
        .register(registry)
        .increment();
  }

  public void timerFired(Duration lag) {
    timerFireLag.record(lag.isNegative() ? Duration.ZERO : lag);
  }

  /** The (approximate) number of timers in one task's index; {@code null} when the task closed. */
  public void timersPending(String task, Long count) {
    if (count == null) {
      timersPendingByTask.remove(task);
    } else {
      timersPendingByTask.put(task, count);
    }
  }

  public void dlq(String topic) {
    dlq.sent(topic);
  }

  /** Counts what the state machine emitted. */
  public void emitted(List<Effect> effects) {
    for (Effect effect : effects) {
      switch (effect) {
        case Effect.Status status -> status(status.status());
        case Effect.Outcome outcome -> outcome(outcome.outcome());
        default -> {}
      }
    }
  }

  private void status(MessageStatus status) {
    List<AttemptRecord> attempts = status.getAttempts();
    switch (StatusValue.valueOf(status.getStatus())) {
      case SWITCHING_CHANNEL ->
        Counter.builder("cascade.fallbacks")
            .description("Fallbacks from one channel to the next")
            .tag("from", attempts.getLast().getChannel().name())
            .tag("to", status.getChannel().name())
            .tag("reason", status.getReason())
            .register(registry)
            .increment();
      case LATE_DELIVERY ->
        Counter.builder("cascade.late.delivery")
            .description("DELIVERED or READ reports after the step's fallback fired")
            .tag("channel", attempts.get(status.getStep()).getChannel().name())
            .register(registry)
            .increment();
      default -> {}
    }
  }

  private void outcome(MessageOutcome outcome) {
    if (outcome.getRevision() != 1) {
      return; // an amended outcome of a message already counted
    }
    String channel =
        outcome.getChannel() == null ? "NONE" : outcome.getChannel().name();
    Counter.builder("cascade.messages.completed")
        .description("Messages that ended, by final status")
        .tag("status", outcome.getStatus().name())
        .tag("channel", channel)
        .register(registry)
        .increment();
    DistributionSummary.builder("cascade.time.to.final")
        .baseUnit("seconds")
        .description("From acceptance to the final outcome")
        .tag("channel", channel)
        .publishPercentileHistogram()
        .register(registry)
        .record(outcome.getTimeToFinalMillis() / 1000.0);
    outcome.getAttempts().stream()
        .filter(a -> a.getDeliveryDate() != null && a.getChannel() == outcome.getChannel())
        .findFirst()
        .ifPresent(a -> DistributionSummary.builder("cascade.time.to.delivered")
            .baseUnit("seconds")
            .description("From acceptance to delivery on the delivering channel")
            .tag("channel", channel)
            .publishPercentileHistogram()
            .register(registry)
            .record(
                Duration.between(outcome.getAcceptedAt(), a.getDeliveryDate()).toMillis()
                    / 1000.0));
  }
}
