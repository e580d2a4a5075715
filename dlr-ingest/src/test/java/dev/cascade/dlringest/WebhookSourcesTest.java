package dev.cascade.dlringest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.cascade.dlringest.reports.ReportSource;
import dev.cascade.platform.config.Settings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookSourcesTest {

  @Test
  void findsOneRegisteredPluginPerWebhookProvider() {
    List<ReportSource> sources = WebhookSources.load(Settings.of(Map.of()));

    assertThat(sources)
        .extracting(ReportSource::provider, ReportSource::webhookPath)
        .containsExactlyInAnyOrder(
            tuple("meta", "whatsapp"), tuple("rbm", "rbm"), tuple("infobip", "infobip"));
  }
}
