package dev.cascade.dlringest;

import dev.cascade.platform.config.Settings;
import dev.cascade.dlringest.smpp.SmppReceiptReceiver;
import java.time.Duration;

/**
 * dlr-ingest's configuration: its port, each provider's webhook secret, how long to wait for
 * Kafka, and the SMSC to bind to for SMPP receipts (none unless {@code dlr.smpp.host} is set).
 */
public record DlrIngestConfig(int httpPort, String whatsappAppSecret, String whatsappVerifyToken,
    String rbmClientToken, String infobipSecret, Duration ackTimeout, SmppReceiptReceiver.Endpoint smsc) {

  public static DlrIngestConfig from(Settings settings) {
    return new DlrIngestConfig(
        settings.integer("dlr.http.port", 8081),
        settings.string("whatsapp.app.secret", "dev-secret"),
        settings.string("whatsapp.verify.token", "dev-secret"),
        settings.string("rbm.client.token", "dev-secret"),
        settings.string("infobip.webhook.secret", "dev-secret"),
        settings.duration("dlr.ack.timeout", Duration.ofSeconds(5)),
        settings.optional("dlr.smpp.host").map(host -> new SmppReceiptReceiver.Endpoint(host,
            settings.integer("dlr.smpp.port", 2775), settings.string("dlr.smpp.system.id", "cascade"),
            settings.string("dlr.smpp.password", "devpass"))).orElse(null));
  }
}
