package dev.cascade.providersim.core;

import dev.cascade.providersim.script.ReportPlan;
import java.time.Instant;

/** Renders a report as one provider's webhook. */
public interface ReportFormat {
  Webhook render(SentMessage message, ReportPlan.Kind kind, Instant at);
}
