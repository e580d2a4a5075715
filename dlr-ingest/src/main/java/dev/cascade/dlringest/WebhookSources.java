package dev.cascade.dlringest;

import dev.cascade.dlringest.reports.ReportSource;
import dev.cascade.dlringest.reports.ReportSourceFactory;
import dev.cascade.platform.config.Settings;
import java.util.HashSet;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.regex.Pattern;

/** Finds every provider webhook plugin on the class path and makes it from the settings. */
final class WebhookSources {

  private static final Pattern PATH_SEGMENT = Pattern.compile("[a-z0-9-]+");

  private WebhookSources() {}

  /** One source per plugin; fails when two plugins claim one provider or one path. */
  static List<ReportSource> load(Settings settings) {
    List<ReportSource> sources =
        ServiceLoader.load(ReportSourceFactory.class, WebhookSources.class.getClassLoader())
            .stream()
            .map(plugin -> plugin.get().create(settings))
            .toList();
    Set<String> providers = new HashSet<>();
    Set<String> paths = new HashSet<>();
    for (ReportSource source : sources) {
      if (!PATH_SEGMENT.matcher(source.webhookPath()).matches()) {
        throw new IllegalStateException("webhook path of " + source.provider()
            + " is not one path segment: " + source.webhookPath());
      }
      if (!providers.add(source.provider()) || !paths.add(source.webhookPath())) {
        throw new IllegalStateException("two webhook plugins claim provider " + source.provider()
            + " or path /webhooks/" + source.webhookPath());
      }
    }
    return sources;
  }
}
