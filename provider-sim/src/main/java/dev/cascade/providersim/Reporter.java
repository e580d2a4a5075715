package dev.cascade.providersim;

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
 * Plays the script's reports for accepted messages: posts each provider-format webhook to
 * dlr-ingest after the short or the late delay, retrying a few times while dlr-ingest is not
 * answering 200. Remembers which messages were delivered, for RBM revokes.
 */
public final class Reporter implements AutoCloseable {

  private static final Logger LOGGER = LoggerFactory.getLogger(Reporter.class);
  private static final int MAX_REMEMBERED = 100_000;
  private static final int WEBHOOK_TRIES = 5;

  private final SimConfig config;
  private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, runnable -> {
    Thread thread = new Thread(runnable, "sim-webhooks");
    thread.setDaemon(true);
    return thread;
  });
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final Map<String, Boolean> delivered = Collections.synchronizedMap(new LinkedHashMap<>() {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
      return size() > MAX_REMEMBERED;
    }
  });

  public Reporter(SimConfig config) {
    this.config = config;
  }

  /** Schedules the reports {@code behaviour} plans for an accepted message. */
  public void accepted(SentMessage message, Behaviour behaviour, ReportFormat format) {
    delivered.put(message.providerMessageId(), behaviour == Behaviour.SILENT);
    Duration at = Duration.ZERO;
    for (ReportPlan.Planned report : ReportPlan.of(behaviour, message.channel())) {
      at = report.late() ? config.lateDelay().plus(at.isZero() ? Duration.ZERO : config.reportDelay())
          : at.plus(config.reportDelay());
      scheduler.schedule(() -> send(message, report.kind(), format, 1), at.toMillis(), TimeUnit.MILLISECONDS);
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

  private void send(SentMessage message, ReportPlan.Kind kind, ReportFormat format, int attempt) {
    if (!knows(message.providerMessageId())) {
      return; // revoked: no report follows
    }
    if (kind == ReportPlan.Kind.DELIVERED || kind == ReportPlan.Kind.READ) {
      delivered.put(message.providerMessageId(), true);
    }
    Webhook webhook = format.render(message, kind, Instant.now());
    try {
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(config.webhookBaseUrl() + webhook.path()))
          .timeout(Duration.ofSeconds(5)).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofByteArray(webhook.body()));
      webhook.headers().forEach(request::header);
      int status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
      if (status != 200) {
        retry(message, kind, format, attempt, "answered " + status);
      }
    } catch (IOException e) {
      retry(message, kind, format, attempt, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void retry(SentMessage message, ReportPlan.Kind kind, ReportFormat format, int attempt, String why) {
    if (attempt >= WEBHOOK_TRIES) {
      LOGGER.atWarn().addKeyValue("channel", message.channel()).addKeyValue("kind", kind)
          .log("webhook dropped after " + attempt + " tries: " + why);
      return;
    }
    scheduler.schedule(() -> send(message, kind, format, attempt + 1), 200L << attempt, TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
