package dev.cascade.providersim.core;

import dev.cascade.platform.channels.ChannelCatalogue;
import dev.cascade.providersim.script.Behaviour;
import dev.cascade.providersim.script.ReportPlan;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays the script's reports for accepted messages: each provider-format webhook (or SMPP
 * receipt) goes to Cascade after the short or the late delay, retried a few times while it is
 * not taken. Remembers which messages were delivered, for RBM revokes.
 */
public final class Reporter implements AutoCloseable {

  private static final Logger LOGGER = LoggerFactory.getLogger(Reporter.class);
  private static final int MAX_REMEMBERED = 100_000;
  /** The longest wait between two tries of one webhook. */
  private static final Duration MAX_RETRY_DELAY = Duration.ofSeconds(30);

  private final SimConfig config;
  /**
   * Reports in flight at once. Each webhook waits for dlr-ingest's answer, which waits for Kafka's
   * acknowledgement: with 2 threads the reports of 150 messages a second queued for seconds
   * (bench/run pipeline: delivered messages p99 8 s, rejected ones 0.7 s).
   */
  private static final int WEBHOOK_THREADS = 16;

  private final ScheduledExecutorService scheduler =
      Executors.newScheduledThreadPool(WEBHOOK_THREADS, runnable -> {
        Thread thread = new Thread(runnable, "sim-webhooks");
        thread.setDaemon(true);
        return thread;
      });
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final Map<String, Boolean> delivered = Collections.synchronizedMap(new LinkedHashMap<>() {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
      return size() > MAX_REMEMBERED;
    }
  });

  private final Journal journal = new Journal();

  public Reporter(SimConfig config) {
    this.config = config;
  }

  /** Every accepted send and every report taken, for checks from outside. */
  public Journal journal() {
    return journal;
  }

  /** Sends one report over some channel back to Cascade. */
  public interface ReportChannel {
    /**
     * Sends the report and runs {@code taken} once Cascade took it: at once, or later for a
     * channel that stores and forwards (an SMSC holding receipts for its receiver). Throws when
     * the report was neither taken nor stored, so it is sent again.
     */
    void deliver(SentMessage message, ReportPlan.Kind kind, Instant at, Runnable taken)
        throws Exception;
  }

  /** Schedules the reports {@code behaviour} plans, as webhooks in {@code format}. */
  public void accepted(SentMessage message, Behaviour behaviour, ReportFormat format) {
    accepted(message, behaviour, format, true);
  }

  /** As {@link #accepted(SentMessage, Behaviour, ReportFormat)}, for a provider that may report no failures. */
  public void accepted(
      SentMessage message, Behaviour behaviour, ReportFormat format, boolean reportsFailures) {
    acceptedOver(
        message,
        behaviour,
        (m, kind, at, taken) -> {
          post(format.render(m, kind, at));
          taken.run();
        },
        reportsFailures);
  }

  /** Schedules the reports {@code behaviour} plans for an accepted message, sent through {@code channel}. */
  public void acceptedOver(
      SentMessage message, Behaviour behaviour, ReportChannel channel, boolean reportsFailures) {
    delivered.put(message.providerMessageId(), behaviour == Behaviour.SILENT);
    journal.sent(message, System.currentTimeMillis());
    Duration at = Duration.ZERO;
    boolean readReceipts = ChannelCatalogue.of(message.channel()).readReceipts();
    for (ReportPlan.Planned report : ReportPlan.of(behaviour, readReceipts, reportsFailures)) {
      at = report.late()
          ? config.lateDelay().plus(at.isZero() ? Duration.ZERO : config.reportDelay())
          : at.plus(config.reportDelay());
      // the time the report is planned for: when the provider has it, even if every webhook
      // thread is busy waiting on dlr-ingest then
      Instant plannedAt = Instant.now().plus(at);
      scheduler.schedule(
          () -> send(message, report.kind(), channel, 1, plannedAt),
          at.toMillis(),
          TimeUnit.MILLISECONDS);
    }
  }

  /**
   * Whether the message reached the handset; a message the script never reports on counts as
   * delivered (its report was "lost", SPEC section 9 digit 3).
   */
  public boolean delivered(String providerMessageId) {
    return Boolean.TRUE.equals(delivered.get(providerMessageId));
  }

  /** Whether the simulator accepted a message with this id. */
  public boolean knows(String providerMessageId) {
    return delivered.containsKey(providerMessageId);
  }

  public void revoked(String providerMessageId) {
    delivered.remove(providerMessageId);
  }

  /**
   * Sends one report, and again with exponential backoff (200 ms doubling, at most 30 s apart)
   * while dlr-ingest does not take it, for {@code sim.webhook.retry.for} — as real providers keep
   * retrying an unacknowledged webhook (docs/provider-contracts.md says for how long).
   */
  private void send(
      SentMessage message,
      ReportPlan.Kind kind,
      ReportChannel channel,
      int attempt,
      Instant first) {
    if (!knows(message.providerMessageId())) {
      return; // revoked: no report follows
    }
    if (kind == ReportPlan.Kind.DELIVERED || kind == ReportPlan.Kind.READ) {
      delivered.put(message.providerMessageId(), true);
    }
    try {
      channel.deliver(
          message,
          kind,
          Instant.now(),
          () -> journal.reported(
              message, kind.name(), first.toEpochMilli(), System.currentTimeMillis(), attempt));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      Duration delay = backoff(attempt);
      if (Instant.now().plus(delay).isAfter(first.plus(config.webhookRetryFor()))) {
        LOGGER
            .atWarn()
            .addKeyValue("channel", message.channel())
            .addKeyValue("kind", kind)
            .log("report dropped after " + attempt + " tries: " + e.getMessage());
        return;
      }
      scheduler.schedule(
          () -> send(message, kind, channel, attempt + 1, first),
          delay.toMillis(),
          TimeUnit.MILLISECONDS);
    }
  }

  private static Duration backoff(int attempt) {
    Duration doubling = Duration.ofMillis(200L << Math.min(attempt, 16));
    return doubling.compareTo(MAX_RETRY_DELAY) > 0 ? MAX_RETRY_DELAY : doubling;
  }

  private void post(Webhook webhook) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(
            URI.create(config.webhookBaseUrl() + webhook.path()))
        .timeout(Duration.ofSeconds(5))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(webhook.body()));
    webhook.headers().forEach(request::header);
    int status =
        http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    if (status != 200) {
      throw new IOException("dlr-ingest answered " + status);
    }
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
