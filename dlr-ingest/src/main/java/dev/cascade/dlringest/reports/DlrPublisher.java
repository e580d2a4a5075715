package dev.cascade.dlringest.reports;

import dev.cascade.platform.kafka.Dlq;
import dev.cascade.platform.kafka.InFlightReceipts;
import dev.cascade.platform.kafka.RecordSender;
import dev.cascade.platform.kafka.TopicSpec;
import dev.cascade.platform.metrics.DlqMeter;
import dev.cascade.platform.providers.ProviderIdForms;
import dev.cascade.schemas.RawDeliveryReport;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way a report reaches {@code dlr.raw}, for webhooks and SMPP receipts alike: parsed at
 * the time the clock says it arrived, keyed by its {@link dev.cascade.platform.providers.ProviderMessageKey}
 * in the form its provider's reports are matched in, and done only once Kafka acknowledged every
 * report. A payload that cannot be parsed goes to {@code dlr.raw.dlq} with the reason. Each
 * payload is counted once by result.
 */
public final class DlrPublisher {

  private static final Logger LOGGER = LoggerFactory.getLogger(DlrPublisher.class);

  private final RecordSender sender;
  private final TopicSpec<String, RawDeliveryReport> dlrRaw;
  private final Duration ackTimeout;
  private final Clock clock;
  private final DlrIngestMetrics metrics;
  private final DlqMeter dlq;
  /** Receipt times of the payloads being parsed and handed to the producer, for {@link #watermark}. */
  private final InFlightReceipts inFlight;

  public DlrPublisher(
      RecordSender sender,
      TopicSpec<String, RawDeliveryReport> dlrRaw,
      Duration ackTimeout,
      Clock clock,
      MeterRegistry registry) {
    this.sender = sender;
    this.dlrRaw = dlrRaw;
    this.ackTimeout = ackTimeout;
    this.clock = clock;
    this.metrics = new DlrIngestMetrics(registry);
    this.dlq = new DlqMeter(registry);
    this.inFlight = new InFlightReceipts(clock);
  }

  /** Parses {@code body} with {@code parser} and writes its reports; blocks until Kafka answered or the ack timeout. */
  public Publication publish(ReportParser parser, byte[] body) {
    Instant received = clock.instant();
    InFlightReceipts.Receipt receipt = inFlight.open(received);
    List<RawDeliveryReport> reports;
    List<CompletableFuture<?>> acks;
    try {
      reports = parser.parse(body, received);
      acks = reports.stream()
          .<CompletableFuture<?>>map(report -> sender.send(dlrRaw, key(report), report))
          .toList();
    } catch (MalformedReportException e) {
      return deadLetter(parser.provider(), body, e);
    } finally {
      receipt.close();
    }
    try {
      CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
          .get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      LOGGER
          .atWarn()
          .addKeyValue("provider", parser.provider())
          .addKeyValue("topic", dlrRaw.name())
          .log("Kafka did not acknowledge the reports: " + e);
      return counted(parser.provider(), new Publication.Unavailable());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return counted(parser.provider(), new Publication.Unavailable());
    }
    return counted(parser.provider(), new Publication.Accepted(reports.size()));
  }

  /**
   * The time before which every report this instance received has been handed to the producer:
   * now, or the receipt time of the oldest payload still being parsed and sent. Its watermark
   * records come after those reports in every partition of {@code dlr.raw}.
   */
  public Instant watermark() {
    return inFlight.watermark();
  }

  /** Sends a payload of {@code provider} that has no report shape to the dead-letter topic. */
  public Publication.Malformed deadLetter(
      String provider, byte[] body, MalformedReportException reason) {
    LOGGER
        .atDebug()
        .addKeyValue("provider", provider)
        .log("malformed report: " + reason.getMessage());
    dlq.sent(dlrRaw.dlqName());
    sender.sendBytes(Dlq.record(
        dlrRaw.name(),
        provider.getBytes(StandardCharsets.UTF_8),
        body,
        new MalformedReportException(provider + " report: " + reason.getMessage()),
        clock.instant()));
    return counted(provider, new Publication.Malformed(reason.getMessage()));
  }

  /** Counts a call refused for a missing or wrong signature; nothing is written. */
  public void refused(String provider) {
    metrics.received(provider, WebhookResult.UNAUTHORIZED);
  }

  private <P extends Publication> P counted(String provider, P publication) {
    metrics.received(
        provider,
        switch (publication) {
          case Publication.Accepted accepted -> WebhookResult.ACCEPTED;
          case Publication.Malformed malformed -> WebhookResult.MALFORMED;
          case Publication.Unavailable unavailable -> WebhookResult.UNAVAILABLE;
        });
    return publication;
  }

  private static String key(RawDeliveryReport report) {
    return ProviderIdForms.reportKey(report.getProvider(), report.getProviderMessageId())
        .asKey();
  }
}
