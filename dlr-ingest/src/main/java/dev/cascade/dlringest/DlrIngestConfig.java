package dev.cascade.dlringest;

import dev.cascade.platform.config.Settings;
import java.time.Duration;

/** dlr-ingest's configuration: its port, each provider's webhook secret, and how long to wait for Kafka. */
public record DlrIngestConfig(int httpPort, String whatsappAppSecret, String whatsappVerifyToken,
    String rbmClientToken, String infobipSecret, Duration ackTimeout) {

  public static DlrIngestConfig from(Settings settings) {
    return new DlrIngestConfig(
        settings.integer("dlr.http.port", 8081),
        settings.string("whatsapp.app.secret", "dev-secret"),
        settings.string("whatsapp.verify.token", "dev-secret"),
        settings.string("rbm.client.token", "dev-secret"),
        settings.string("infobip.webhook.secret", "dev-secret"),
        settings.duration("dlr.ack.timeout", Duration.ofSeconds(5)));
  }
}
