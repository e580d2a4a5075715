package dev.cascade.dlringest;

import dev.cascade.dlringest.smpp.SmppReceiptReceiver;
import dev.cascade.platform.config.ConfigException;
import dev.cascade.platform.config.Settings;
import java.time.Duration;

/**
 * dlr-ingest's configuration: its port, how long to wait for Kafka, and the SMSC to bind to for
 * SMPP receipts (none unless {@code dlr.smpp.host} is set). Each provider's webhook secrets are
 * read by its own plugin.
 */
record DlrIngestConfig(int httpPort, Duration ackTimeout, SmppReceiptReceiver.Endpoint smsc) {

  DlrIngestConfig {
    if (httpPort < 0 || httpPort > 65_535) {
      throw new ConfigException(
          "dlr.http.port", String.valueOf(httpPort), "a port from 0 to 65535");
    }
    if (ackTimeout.isNegative() || ackTimeout.isZero()) {
      throw new ConfigException("dlr.ack.timeout", ackTimeout.toString(), "a positive duration");
    }
  }

  static DlrIngestConfig from(Settings settings) {
    return new DlrIngestConfig(
        settings.integer("dlr.http.port", 8081),
        settings.duration("dlr.ack.timeout", Duration.ofSeconds(5)),
        settings
            .optional("dlr.smpp.host")
            .map(host -> new SmppReceiptReceiver.Endpoint(
                host,
                settings.integer("dlr.smpp.port", 2775),
                settings.string("dlr.smpp.system.id", "cascade"),
                settings.string("dlr.smpp.password", "devpass")))
            .orElse(null));
  }
}
