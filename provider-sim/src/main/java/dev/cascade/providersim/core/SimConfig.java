package dev.cascade.providersim.core;

import dev.cascade.platform.config.Settings;
import java.time.Duration;

/**
 * The simulator's configuration: its port, where it posts webhooks, how long "shortly" and "the
 * late delay" are, and the secrets it signs webhooks with (the same as dlr-ingest's).
 */
public record SimConfig(
    int httpPort,
    String webhookBaseUrl,
    Duration reportDelay,
    Duration lateDelay,
    String whatsappAppSecret,
    String rbmClientToken,
    String infobipSecret,
    int smppPort,
    String smppPassword,
    Duration webhookRetryFor) {

  public static SimConfig from(Settings settings) {
    return new SimConfig(
        settings.integer("sim.http.port", 8090),
        settings.string("sim.webhook.base.url", "http://localhost:8081"),
        Duration.ofMillis(settings.longValue("sim.report.delay.ms", 200)),
        Duration.ofSeconds(settings.longValue("sim.late.delay.s", 80)),
        settings.string("whatsapp.app.secret", "dev-secret"),
        settings.string("rbm.client.token", "dev-secret"),
        settings.string("infobip.webhook.secret", "dev-secret"),
        settings.integer("sim.smpp.port", 2775),
        settings.string("sim.smpp.password", "devpass"),
        settings.duration("sim.webhook.retry.for", Duration.ofMinutes(10)));
  }
}
