package dev.cascade.dlringest;

import dev.cascade.dlringest.smpp.SmppReceiptReceiver;
import dev.cascade.platform.config.Settings;
import dev.cascade.platform.http.HttpServer;
import dev.cascade.platform.kafka.CascadeTopics;
import dev.cascade.platform.kafka.KafkaSettings;
import dev.cascade.platform.kafka.RecordSender;
import dev.cascade.platform.metrics.MetricsSetup;
import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** dlr-ingest running: provider webhooks in, RawDeliveryReports on dlr.raw out. */
public final class DlrIngestService implements AutoCloseable {

  private static final Logger LOGGER = LoggerFactory.getLogger(DlrIngestService.class);

  private final RecordSender sender;
  private final Javalin http;
  private final SmppReceiptReceiver smpp;

  private DlrIngestService(RecordSender sender, Javalin http, SmppReceiptReceiver smpp) {
    this.sender = sender;
    this.http = http;
    this.smpp = smpp;
  }

  public static DlrIngestService start(Settings settings) {
    KafkaSettings kafka = KafkaSettings.from(settings);
    DlrIngestConfig config = DlrIngestConfig.from(settings);
    CascadeTopics topics = new CascadeTopics();
    PrometheusMeterRegistry registry = MetricsSetup.prometheus("dlr-ingest");
    RecordSender sender = RecordSender.create(kafka, "cascade-dlr-ingest");
    Javalin http = HttpServer.create(registry, () -> sender.connectedTo(topics.dlrRaw));
    DlrIngestMetrics metrics = new DlrIngestMetrics(registry);
    new WebhookRoutes(config, sender, topics, metrics).register(http);
    http.start(config.httpPort());
    SmppReceiptReceiver smpp = config.smsc() == null ? null
        : new SmppReceiptReceiver(config.smsc(), sender, topics, metrics, config.ackTimeout());
    LOGGER.atInfo().addKeyValue("port", http.port()).log("dlr-ingest started");
    return new DlrIngestService(sender, http, smpp);
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
    sender.close();
  }
}
