package dev.cascade.dlringest.reports;

import dev.cascade.platform.config.Settings;

/**
 * The plugin interface for a provider's webhook, found with {@link java.util.ServiceLoader}: an
 * implementation is named in {@code META-INF/services/dev.cascade.dlringest.reports.ReportSourceFactory}
 * and needs a public no-argument constructor.
 */
public interface ReportSourceFactory {

  /** The provider's webhook, with its secrets read from {@code settings}. */
  ReportSource create(Settings settings);
}
