package dev.cascade.fallback.metrics;

import dev.cascade.fallback.orchestration.Effect;
import dev.cascade.fallback.orchestration.Reason;
import dev.cascade.fallback.orchestration.StatusValue;
import dev.cascade.fallback.orchestration.Timer.Watch;
import dev.cascade.platform.channels.ChannelCatalogue;
import dev.cascade.platform.channels.ChannelTraits;
import dev.cascade.platform.kafka.CascadeTopics;
import dev.cascade.platform.metrics.DlqMeter;
import dev.cascade.schemas.AttemptRecord;
import dev.cascade.schemas.Channel;
import dev.cascade.schemas.FinalStatus;
import dev.cascade.schemas.MessageOutcome;
import dev.cascade.schemas.MessageStatus;
import dev.cascade.schemas.ReportStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * fallback-timer's meters (SPEC section 6): names, tags and descriptions in one place. Every
 * counter and histogram is registered at zero for each label value it can take (channels and
 * providers from the channel catalogue, statuses and reasons from their enums), so a dashboard
 * shows 0 rather than "no data" before the first event.
 */
public final class FallbackTimerMetrics {

  /** The channel label of a message that ended without a channel (a rejected request). */
  public static final String NO_CHANNEL = "NONE";

  /**
   * Bucket bounds in seconds of the time-to-final and time-to-delivered histograms: from a
   * fraction of a second (a first channel delivering at once) to the longest validity (48 h).
   */
  static final double[] SECONDS_BUCKETS = {
    0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600, 7200, 21_600, 86_400, 172_800
  };

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
    registerAtZero();
  }

  private void registerAtZero() {
    received("http");
    received("kafka");
    accepted();
    Set<String> providers = new LinkedHashSet<>();
    List<String> channels = new ArrayList<>();
    for (ChannelTraits traits : ChannelCatalogue.all()) {
      Channel channel = traits.channel();
      channels.add(channel.name());
      providers.addAll(traits.providers());
      for (ReportStatus status : ReportStatus.values()) {
        reports(channel, status.name());
      }
      lateDeliveries(channel.name());
      timeToDelivered(channel.name());
      for (Channel to : Channel.values()) {
        for (Reason reason : fallbackReasons(traits)) {
          fallbacks(channel.name(), to.name(), reason.name());
        }
      }
    }
    channels.add(NO_CHANNEL);
    for (String channel : channels) {
      timeToFinal(channel);
      for (FinalStatus status : FinalStatus.values()) {
        completed(status.name(), channel);
      }
    }
    providers.forEach(this::unmatchedReports);
    for (Watch watch : WATCHED) {
      holds(watch);
      holdsAtMax(watch);
      holdLength(watch);
    }
    CascadeTopics topics = new CascadeTopics();
    // the topics fallback-timer reads: what it cannot decode goes to their .dlq; unmatched
    // reports to dlr.raw.dlq, requests produced against the rules to send.requests.dlq
    for (var topic : List.of(
        topics.sendRequests, topics.channelAttempts, topics.dlrRaw, topics.deliveryReports)) {
      dlq.expect(topic.dlqName());
    }
  }

  /** The reasons a step on this channel can give way with: UNREAD ones need read receipts. */
  static Set<Reason> fallbackReasons(ChannelTraits from) {
    Set<Reason> reasons = EnumSet.allOf(Reason.class);
    reasons.remove(Reason.INVALID_REQUEST); // ends a message before any step
    if (!from.readReceipts()) {
      reasons.remove(Reason.UNREAD);
      reasons.remove(Reason.READ_TIMEOUT);
    }
    return reasons;
  }

  public void received(boolean viaHttp) {
    received(viaHttp ? "http" : "kafka").increment();
  }

  public void report(Channel channel, String status) {
    reports(channel, status).increment();
  }

  public void unmatched(String provider) {
    unmatchedReports(provider).increment();
  }

  /**
   * {@code count} timers came due and are held because the path they watch has not caught up
   * with their due time (SPEC section 4): {@code cascade_timer_holds_total{reason}}.
   */
  public void timersHeld(Watch watch, int count) {
    holds(watch).increment(count);
  }

  /**
   * A held timer fired after {@code length}; {@code atMaxHold}: because it was held {@code
   * timer.max.hold}, the path still behind (a stalled dlr-ingest or workers).
   */
  public void holdEnded(Watch watch, Duration length, boolean atMaxHold) {
    holdLength(watch).record(length.isNegative() ? Duration.ZERO : length);
    if (atMaxHold) {
      holdsAtMax(watch).increment();
    }
  }

  private static final List<Watch> WATCHED = List.of(Watch.REPORTS, Watch.ATTEMPTS);

  private static String holdReason(Watch watch) {
    return watch == Watch.REPORTS ? "REPORTS_BEHIND" : "ATTEMPTS_BEHIND";
  }

  private Counter holds(Watch watch) {
    return Counter.builder("cascade.timer.holds")
        .description("Timers held past their due time until what was received before it arrived")
        .tag("reason", holdReason(watch))
        .register(registry);
  }

  private Counter holdsAtMax(Watch watch) {
    return Counter.builder("cascade.timer.holds.at.max")
        .description(
            "Timers that fired while their path was behind: its watermark stood still for timer.max.hold")
        .tag("reason", holdReason(watch))
        .register(registry);
  }

  private Timer holdLength(Watch watch) {
    return Timer.builder("cascade.timer.hold")
        .description("How long a held timer waited past its due time")
        .tag("reason", holdReason(watch))
        .publishPercentileHistogram()
        .register(registry);
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
      case ACCEPTED -> accepted().increment();
      case SWITCHING_CHANNEL ->
        fallbacks(
                attempts.getLast().getChannel().name(),
                status.getChannel().name(),
                status.getReason())
            .increment();
      case LATE_DELIVERY ->
        lateDeliveries(attempts.get(status.getStep()).getChannel().name()).increment();
      default -> {}
    }
  }

  private void outcome(MessageOutcome outcome) {
    if (outcome.getRevision() != 1) {
      return; // an amended outcome of a message already counted
    }
    String channel =
        outcome.getChannel() == null ? NO_CHANNEL : outcome.getChannel().name();
    completed(outcome.getStatus().name(), channel).increment();
    timeToFinal(channel).record(outcome.getTimeToFinalMillis() / 1000.0);
    outcome.getAttempts().stream()
        .filter(a -> a.getDeliveryDate() != null && a.getChannel() == outcome.getChannel())
        .findFirst()
        .ifPresent(a -> timeToDelivered(channel)
            .record(
                Duration.between(outcome.getAcceptedAt(), a.getDeliveryDate()).toMillis()
                    / 1000.0));
  }

  private Counter received(String source) {
    return Counter.builder("cascade.messages.received")
        .description("Send requests taken in")
        .tag("source", source)
        .register(registry);
  }

  /**
   * Messages that started their chain: a new messageId with a valid request (not a repeated or
   * conflicting request, not one dead-lettered for breaking a rule). Each ends in exactly one
   * {@code cascade_messages_completed_total} with a channel, so the difference of the two is the
   * number of messages in flight.
   */
  private Counter accepted() {
    return Counter.builder("cascade.messages.accepted")
        .description("Messages that started their chain of channels")
        .register(registry);
  }

  private Counter reports(Channel channel, String status) {
    return Counter.builder("cascade.reports")
        .description("Correlated delivery reports")
        .tag("channel", channel.name())
        .tag("status", status)
        .register(registry);
  }

  private Counter unmatchedReports(String provider) {
    return Counter.builder("cascade.reports.unmatched")
        .description("Provider reports that matched no attempt within the correlation window")
        .tag("provider", provider)
        .register(registry);
  }

  private Counter fallbacks(String from, String to, String reason) {
    return Counter.builder("cascade.fallbacks")
        .description("Fallbacks from one channel to the next")
        .tag("from", from)
        .tag("to", to)
        .tag("reason", reason)
        .register(registry);
  }

  private Counter lateDeliveries(String channel) {
    return Counter.builder("cascade.late.delivery")
        .description("DELIVERED or READ reports after the step's fallback fired")
        .tag("channel", channel)
        .register(registry);
  }

  private Counter completed(String status, String channel) {
    return Counter.builder("cascade.messages.completed")
        .description("Messages that ended, by final status")
        .tag("status", status)
        .tag("channel", channel)
        .register(registry);
  }

  private DistributionSummary timeToFinal(String channel) {
    return DistributionSummary.builder("cascade.time.to.final")
        .baseUnit("seconds")
        .description("From acceptance to the final outcome")
        .tag("channel", channel)
        .serviceLevelObjectives(SECONDS_BUCKETS)
        .register(registry);
  }

  private DistributionSummary timeToDelivered(String channel) {
    return DistributionSummary.builder("cascade.time.to.delivered")
        .baseUnit("seconds")
        .description("From acceptance to delivery on the delivering channel")
        .tag("channel", channel)
        .serviceLevelObjectives(SECONDS_BUCKETS)
        .register(registry);
  }
}
