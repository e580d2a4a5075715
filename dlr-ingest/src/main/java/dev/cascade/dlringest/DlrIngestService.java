package dev.cascade.dlringest;

import dev.cascade.dlringest.reports.DlrPublisher;
import dev.cascade.dlringest.reports.ReportSource;
import dev.cascade.dlringest.smpp.SmppReceiptReceiver;
import dev.cascade.platform.config.DevelopmentSecrets;
import dev.cascade.platform.config.DevelopmentSecrets.Secret;
import dev.cascade.platform.config.Settings;
import dev.cascade.platform.http.HttpServer;
import dev.cascade.platform.kafka.CascadeTopics;
import dev.cascade.platform.kafka.KafkaSettings;
import dev.cascade.platform.kafka.RecordSender;
import dev.cascade.platform.kafka.WatermarkBeacon;
import dev.cascade.platform.metrics.KafkaClientMeters;
import dev.cascade.platform.metrics.MetricsSetup;
import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** dlr-ingest running: provider webhooks and SMPP receipts in, RawDeliveryReports on dlr.raw out. */
public final class DlrIngestService implements AutoCloseable {

  private static final Logger LOGGER = LoggerFactory.getLogger(DlrIngestService.class);

  private final RecordSender sender;
  private final Javalin http;
  private final SmppReceiptReceiver smpp;
  private final KafkaClientMeters kafkaMeters;
  private final WatermarkBeacon watermarks;

  private DlrIngestService(
      RecordSender sender,
      Javalin http,
      SmppReceiptReceiver smpp,
      KafkaClientMeters kafkaMeters,
      WatermarkBeacon watermarks) {
    this.watermarks = watermarks;
    this.sender = sender;
    this.http = http;
    this.smpp = smpp;
    this.kafkaMeters = kafkaMeters;
  }

  public static DlrIngestService start(Settings settings) {
    return start(settings, Clock.systemUTC());
  }

  /** As {@link #start(Settings)}, stamping reports with {@code clock}'s time of receipt. */
  static DlrIngestService start(Settings settings, Clock clock) {
    KafkaSettings kafka = KafkaSettings.from(settings);
    DlrIngestConfig config = DlrIngestConfig.from(settings);
    DevelopmentSecrets.check(settings, "dlr-ingest", secrets(settings, config));
    List<ReportSource> webhooks = WebhookSources.load(settings);
    CascadeTopics topics = new CascadeTopics();
    PrometheusMeterRegistry registry = MetricsSetup.prometheus("dlr-ingest");
    RecordSender sender = RecordSender.create(kafka, "cascade-dlr-ingest");
    // dlr-ingest only produces: its one Kafka client is this producer
    KafkaClientMeters kafkaMeters = new KafkaClientMeters(registry, "dlr-ingest");
    kafkaMeters.bind(sender.producer());
    DlrPublisher publisher =
        new DlrPublisher(sender, topics.dlrRaw, config.ackTimeout(), clock, registry);
    // after the reports it covers in every partition: fallback-timer's timers wait for it
    WatermarkBeacon watermarks = WatermarkBeacon.start(
        sender,
        topics.dlrRaw.name(),
        WatermarkBeacon.sourceName("dlr-ingest"),
        WatermarkBeacon.interval(settings),
        publisher::watermark);
    Javalin http = HttpServer.create(registry, () -> sender.connectedTo(topics.dlrRaw));
    new WebhookRoutes(webhooks, publisher).register(http);
    http.start(config.httpPort());
    SmppReceiptReceiver smpp =
        config.smsc() == null ? null : SmppReceiptReceiver.start(config.smsc(), publisher);
    LOGGER
        .atInfo()
        .addKeyValue("port", http.port())
        .addKeyValue(
            "webhooks", webhooks.stream().map(ReportSource::webhookPath).toList())
        .addKeyValue(
            "smsc",
            config.smsc() == null
                ? "none"
                : config.smsc().host() + ":" + config.smsc().port())
        .log("dlr-ingest started");
    return new DlrIngestService(sender, http, smpp, kafkaMeters, watermarks);
  }

  /** The webhook plugins' secrets, and the SMSC password when receipts come over SMPP. */
  private static List<Secret> secrets(Settings settings, DlrIngestConfig config) {
    List<Secret> secrets = new ArrayList<>();
    for (String key : List.of(
        "whatsapp.app.secret",
        "whatsapp.verify.token",
        "rbm.client.token",
        "infobip.webhook.secret")) {
      secrets.add(Secret.of(settings, key));
    }
    if (config.smsc() != null) {
      secrets.add(Secret.of(settings, "dlr.smpp.password"));
    }
    return secrets;
  }

  public int port() {
    return http.port();
  }

  @Override
  public void close() {
    if (smpp != null) {
      smpp.close();
    }
    http.stop();
    watermarks.close();
    kafkaMeters.close();
    sender.close();
  }
}
