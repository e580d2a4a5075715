package dev.cascade.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cascade.platform.config.ConfigException;
import dev.cascade.platform.config.Settings;
import dev.cascade.schemas.Channel;
import dev.cascade.schemas.ChannelCommand;
import dev.cascade.workers.provider.Commands;
import dev.cascade.workers.provider.JsonHttp;
import dev.cascade.workers.provider.ProviderContext;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Provider plugins found on the class path, configured from settings, checked at start. */
class ProviderRegistryTest {

  private final ProviderContext context = new ProviderContext(
      new JsonHttp(Duration.ofSeconds(1), Duration.ofSeconds(1), (p, d) -> {}), lookup -> {});

  @Test
  void everyPluginIsBuiltForTheSimulatorAndForRealWhenConfigured() {
    List<ProviderPlugins.Built> built = ProviderPlugins.build(Settings.of(Map.of()), context);
    try {
      assertThat(names(built, true)).contains("meta", "rbm", "infobip", "smpp");
      assertThat(names(built, false))
          .contains("meta", "rbm", "infobip")
          .doesNotContain("smpp"); // no SMSC host
      // each provider's documented default pace: Meta's 80 messages a second, 50 for the rest;
      // simulated instances at 50
      assertThat(built)
          .allSatisfy(b -> assertThat(b.ratePerSecond())
              .isEqualTo(!b.simulator() && b.provider().name().equals("meta") ? 80 : 50));
    } finally {
      built.forEach(b -> b.provider().close());
    }
  }

  @Test
  void anSmscHostConfiguresTheRealSmppProviderAtItsRate() {
    List<ProviderPlugins.Built> built = ProviderPlugins.build(
        Settings.of(
            Map.of("provider.smpp.host", "smsc.example", "provider.smpp.rate.per.second", "12.5")),
        context);
    try {
      assertThat(built)
          .filteredOn(b -> !b.simulator() && b.provider().name().equals("smpp"))
          .singleElement()
          .satisfies(b -> assertThat(b.ratePerSecond()).isEqualTo(12.5));
    } finally {
      built.forEach(b -> b.provider().close());
    }
  }

  @Test
  void aDefaultProviderThatDoesNotCarryTheChannelFailsTheStartNamingTheKey() {
    assertThatThrownBy(() -> registry(Map.of("channel.sms.provider", "meta")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("channel.sms.provider")
        .hasMessageContaining("infobip");
  }

  @Test
  void aDefaultProviderThatIsNotConfiguredFailsTheStartNamingTheKey() {
    assertThatThrownBy(() -> registry(Map.of("channel.sms.provider", "smpp")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("channel.sms.provider");
  }

  @Test
  void aDefaultOnlyMattersForTheChannelsThisWorkerServes() {
    try (ProviderRegistry registry =
        registry(Map.of("channel.sms.provider", "smpp", "workers.channels", "RCS"))) {
      assertThat(registry.select(Commands.text(Channel.RCS, "hi")))
          .isInstanceOf(ProviderRegistry.Found.class);
    }
  }

  @Test
  void aConfiguredDefaultReplacesTheCataloguesDefault() {
    try (ProviderRegistry registry =
        registry(Map.of("channel.sms.provider", "smpp", "provider.smpp.host", "localhost"))) {
      ProviderRegistry.Selection selection = registry.select(Commands.text(Channel.SMS, "hi"));

      assertThat(selection)
          .isInstanceOfSatisfying(
              ProviderRegistry.Found.class,
              found -> assertThat(found.names()).containsExactly("smpp"));
    }
  }

  @Test
  void aStepNamingAProviderGetsItOrARefusal() {
    try (ProviderRegistry registry = registry(Map.of())) {
      ChannelCommand viaSmpp = ChannelCommand.newBuilder(Commands.text(Channel.SMS, "hi"))
          .setProvider("smpp")
          .build();
      ChannelCommand viaMeta = ChannelCommand.newBuilder(Commands.text(Channel.SMS, "hi"))
          .setProvider("meta")
          .build();
      ChannelCommand simulatedViaSmpp =
          ChannelCommand.newBuilder(viaSmpp).setSimulation(true).build();

      assertThat(registry.select(viaSmpp))
          .isEqualTo(new ProviderRegistry.Refused(
              "smpp", "UNKNOWN_PROVIDER", "no provider 'smpp' is configured"));
      assertThat(registry.select(viaMeta))
          .isInstanceOfSatisfying(
              ProviderRegistry.Refused.class,
              refused -> assertThat(refused.code()).isEqualTo("PROVIDER_CHANNEL_MISMATCH"));
      assertThat(registry.select(simulatedViaSmpp)).isInstanceOf(ProviderRegistry.Found.class);
    }
  }

  @Test
  void badProviderSettingsFailTheStartNamingTheirKey() {
    assertThatThrownBy(() -> registry(Map.of("provider.meta.rate.per.second", "fast")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("provider.meta.rate.per.second");
    assertThatThrownBy(() -> registry(Map.of("provider.infobip.base.url", "api.infobip.com")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("provider.infobip.base.url");
    assertThatThrownBy(
            () -> registry(Map.of("provider.rbm.service.account.file", "/nonexistent/key.json")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("provider.rbm.service.account.file");
    assertThatThrownBy(() -> registry(Map.of("capability.cache.size", "0")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("capability.cache.size");
  }

  private ProviderRegistry registry(Map<String, String> values) {
    Map<String, String> all = new HashMap<>(Map.of("workers.channels", "SMS"));
    all.putAll(values);
    Settings settings = Settings.of(all);
    return new ProviderRegistry(
        ProviderPlugins.build(settings, context), WorkersConfig.from(settings));
  }

  private static List<String> names(List<ProviderPlugins.Built> built, boolean simulator) {
    return built.stream()
        .filter(b -> b.simulator() == simulator)
        .map(b -> b.provider().name())
        .toList();
  }
}
