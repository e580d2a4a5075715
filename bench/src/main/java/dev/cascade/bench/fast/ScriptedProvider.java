package dev.cascade.bench.fast;

import dev.cascade.platform.channels.ChannelCatalogue;
import dev.cascade.platform.sms.SmsEncoding;
import dev.cascade.providersim.script.Behaviour;
import dev.cascade.providersim.script.ReportPlan;
import dev.cascade.schemas.AttemptResult;
import dev.cascade.schemas.Channel;
import dev.cascade.schemas.ChannelCommand;
import dev.cascade.schemas.RawDeliveryReport;
import dev.cascade.schemas.ReportStatus;
import dev.cascade.workers.provider.ChannelProvider;
import dev.cascade.workers.provider.ProviderResult;
import dev.cascade.workers.provider.TransientProviderException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A provider for every channel that answers in the worker's own thread and follows the
 * simulator's script (SPEC section 9: the destination's last four digits), with no HTTP: its
 * delivery reports go straight to {@code reports} (in a worker, {@code dlr.raw}), shortly or
 * after the late delay. It is the pipeline's own ceiling in {@code bench/run pipeline --provider
 * fast}: what Cascade costs without the simulator, webhooks and dlr-ingest.
 *
 * <p>Like the simulator it answers each channel as that channel's default provider does: RCS
 * over RBM reports no failures (an undelivered RCS message is noticed by its timer), the others
 * do; an SMS is split into parts, each with its own id and reports.
 */
final class ScriptedProvider implements ChannelProvider {

  static final String NAME = "fast";

  /** How many tries of a {@link Behaviour#FLAKY} destination fail before one is accepted. */
  private static final int FLAKY_FAILURES = 2;

  private final Clock clock;
  private final ScheduledExecutorService scheduler;
  private final Duration reportDelay;
  private final Duration lateDelay;
  private final ReportSink reports;
  private final AtomicLong ids = new AtomicLong();
  /** Failed tries so far of each flaky attempt; removed when it is accepted. */
  private final Map<String, Integer> flakyTries = new ConcurrentHashMap<>();

  ScriptedProvider(
      Clock clock,
      ScheduledExecutorService scheduler,
      Duration reportDelay,
      Duration lateDelay,
      ReportSink reports) {
    this.clock = clock;
    this.scheduler = scheduler;
    this.reportDelay = reportDelay;
    this.lateDelay = lateDelay;
    this.reports = reports;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Set<Channel> channels() {
    return EnumSet.allOf(Channel.class);
  }

  @Override
  public CompletionStage<ProviderResult> send(ChannelCommand command) {
    Channel channel = command.getChannel();
    Behaviour behaviour = Behaviour.of(command.getTo(), channel);
    return switch (behaviour) {
      case REJECT -> done(ProviderResult.rejected(rejectCode(channel), "scripted rejection"));
      case NOT_CAPABLE -> done(ProviderResult.notCapable("NOT_CAPABLE"));
      case FLAKY -> flakyTry(command);
      default -> done(accept(command, behaviour));
    };
  }

  @Override
  public CompletionStage<ProviderResult> revoke(ChannelCommand command) {
    Behaviour behaviour = Behaviour.of(command.getTo(), command.getChannel());
    // as the simulator: a message whose report was lost was delivered after all
    return done(ProviderResult.of(
        behaviour == Behaviour.SILENT ? AttemptResult.ALREADY_DELIVERED : AttemptResult.REVOKED));
  }

  private CompletionStage<ProviderResult> flakyTry(ChannelCommand command) {
    int failed = flakyTries.merge(command.getAttemptId(), 1, Integer::sum) - 1;
    if (failed < FLAKY_FAILURES) {
      Duration retryAfter = failed == 0 ? null : Duration.ofSeconds(1);
      return CompletableFuture.failedFuture(new TransientProviderException(
          failed == 0 ? "scripted 503" : "scripted 429", retryAfter, null));
    }
    flakyTries.remove(command.getAttemptId());
    return done(accept(command, Behaviour.FLAKY));
  }

  private ProviderResult accept(ChannelCommand command, Behaviour behaviour) {
    Channel channel = command.getChannel();
    boolean sms = channel == Channel.SMS;
    String text = sms ? command.getContent().getText() : null;
    int parts = sms ? SmsEncoding.split(text).size() : 1;
    List<String> accepted = new ArrayList<>(parts);
    for (int part = 0; part < parts; part++) {
      accepted.add(NAME + "-" + Long.toString(ids.incrementAndGet(), 36));
    }
    boolean readReceipts = ChannelCatalogue.of(channel).readReceipts();
    for (ReportPlan.Planned planned :
        ReportPlan.of(behaviour, readReceipts, channel != Channel.RCS)) {
      Duration delay = planned.late() ? lateDelay : reportDelay;
      for (String id : accepted) {
        scheduler.schedule(
            () -> reports.report(report(id, channel, planned.kind())),
            delay.toMillis(),
            TimeUnit.MILLISECONDS);
      }
    }
    ProviderResult result = ProviderResult.accepted(accepted);
    return sms ? result.withSms(SmsEncoding.analyze(text).encoding().name(), parts) : result;
  }

  private RawDeliveryReport report(String id, Channel channel, ReportPlan.Kind kind) {
    long now = clock.millis();
    return RawDeliveryReport.newBuilder()
        .setProvider(NAME)
        .setProviderMessageId(id)
        .setChannel(channel)
        .setStatus(ReportStatus.valueOf(kind.name()))
        .setProviderStatus(kind.name().toLowerCase(Locale.ROOT))
        .setOccurredAt(Instant.ofEpochMilli(now))
        .setReceivedAt(Instant.ofEpochMilli(now))
        .build();
  }

  /** The code each channel's default provider rejects an unreachable destination with (SPEC §9). */
  /** Stops the reports not yet sent and closes their sink. */
  @Override
  public void close() {
    scheduler.shutdownNow();
    reports.close();
  }

  private static String rejectCode(Channel channel) {
    return switch (channel) {
      case WHATSAPP -> "131026";
      case RCS -> "AGENT_NOT_REACHABLE";
      case VIBER -> "NOT_VIBER_USER";
      case SMS -> "INVALID_DESTINATION";
    };
  }

  private static CompletionStage<ProviderResult> done(ProviderResult result) {
    return CompletableFuture.completedFuture(result);
  }
}
