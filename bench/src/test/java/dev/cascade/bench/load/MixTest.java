package dev.cascade.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cascade.bench.load.Mix.Scenario;
import dev.cascade.platform.channels.ChannelProviders;
import dev.cascade.platform.config.Settings;
import dev.cascade.platform.kafka.CascadeTopics;
import dev.cascade.platform.requests.SendRequestRules;
import dev.cascade.schemas.Channel;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MixTest {

  @Test
  void everyTwentyMessagesAreTenWhatsAppSixRcsThreeSmsOneFailed() {
    // when
    Map<Scenario, Integer> counts = new EnumMap<>(Scenario.class);
    for (long n = 1_000; n < 1_020; n++) {
      counts.merge(Mix.scenarioOf(n), 1, Integer::sum);
    }
    // then
    assertThat(counts)
        .containsEntry(Scenario.WHATSAPP_DELIVERED, 10)
        .containsEntry(Scenario.RCS_DELIVERED, 6)
        .containsEntry(Scenario.SMS_DELIVERED, 3)
        .containsEntry(Scenario.ALL_REJECTED, 1);
  }

  @Test
  void theNumberScriptsTheSimulatorAndTheIdNamesTheScenario() {
    assertThat(Mix.to(10_017)).isEqualTo("+3934000171100");
    assertThat(Mix.scenarioOf("steady-t1-10017")).isEqualTo(Scenario.SMS_DELIVERED);
    assertThat(Mix.scenarioOf("warm-19")).isEqualTo(Scenario.ALL_REJECTED);
    assertThat(Mix.request("warm", 19).getTo()).endsWith("1111");
  }

  @Test
  void eachScenarioExpectsItsOwnOutcome() {
    assertThat(Scenario.RCS_DELIVERED.expects("DELIVERED", Channel.RCS)).isTrue();
    assertThat(Scenario.RCS_DELIVERED.expects("DELIVERED", Channel.SMS)).isFalse();
    assertThat(Scenario.ALL_REJECTED.expects("FAILED", Channel.SMS)).isTrue();
  }

  @Test
  void requestsKeepEveryRuleAndSerialize() {
    // given
    var request = Mix.request("steady", 42);
    var rules = new SendRequestRules(ChannelProviders.from(Settings.of(Map.of())), 1);
    // when
    byte[] bytes =
        new CascadeTopics().sendRequests.valueSerde().serializer().serialize("t", request);
    // then
    assertThat(rules.violations(request)).isEmpty();
    assertThat(bytes).hasSizeGreaterThan(100);
    assertThat(request.getMessageId()).isEqualTo("steady-42");
  }
}
