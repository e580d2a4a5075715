package dev.cascade.dlringest.reports;

import java.util.Optional;

/**
 * A provider whose reports arrive by webhook on {@code POST /webhooks/<webhookPath>}. Every call
 * is first checked with {@link #signed}; only a signed call is parsed. Made from configuration by
 * its {@link ReportSourceFactory}.
 */
public interface ReportSource extends ReportParser {

  /** The path segment of the provider's webhook, e.g. {@code whatsapp}. */
  String webhookPath();

  /** Whether the call carries the provider's valid signature over what it reports. */
  boolean signed(WebhookCall call) throws MalformedReportException;

  /** The answer to a GET on the webhook path (Meta's subscription check); empty when the provider makes none. */
  default Optional<Handshake> subscriptionCheck(WebhookCall call) {
    return Optional.empty();
  }

  /** A POST that checks we own the endpoint instead of reporting (RBM's clientToken/secret); empty for a report. */
  default Optional<Handshake> configurationCheck(WebhookCall call) throws MalformedReportException {
    return Optional.empty();
  }
}
