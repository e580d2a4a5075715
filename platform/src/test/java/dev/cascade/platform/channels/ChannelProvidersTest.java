package dev.cascade.platform.channels;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cascade.platform.config.Settings;
import dev.cascade.schemas.Channel;
import dev.cascade.schemas.Content;
import dev.cascade.schemas.Step;
import dev.cascade.schemas.Template;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which providers a step's send may go through, in failover order (SPEC section 10). */
class ChannelProvidersTest {

  private static final ChannelProviders CONFIGURED = ChannelProviders.from(Settings.of(
      Map.of("channel.sms.providers", "smpp, infobip", "channel.rcs.providers", "infobip,rbm")));

  @Test
  void aStepsOwnListComesFirstThenItsProviderThenTheChannelsConfiguredList() {
    assertThat(CONFIGURED.forStep(step(Channel.SMS, "infobip", List.of("infobip", "smpp"))))
        .containsExactly("infobip", "smpp");
    assertThat(CONFIGURED.forStep(step(Channel.SMS, "infobip", null))).containsExactly("infobip");
    assertThat(CONFIGURED.forStep(step(Channel.SMS, null, null)))
        .containsExactly("smpp", "infobip");
    assertThat(ChannelProviders.defaults().forStep(step(Channel.SMS, null, List.of())))
        .containsExactly("infobip", "smpp");
  }

  @Test
  void theConfiguredListLeavesOutProvidersThatCannotSendTheContent() {
    Step rcsTemplate = Step.newBuilder()
        .setChannel(Channel.RCS)
        .setSender("agent")
        .setContent(Content.newBuilder()
            .setTemplate(Template.newBuilder().setName("t").setLanguage("it").build())
            .build())
        .build();

    assertThat(CONFIGURED.forStep(rcsTemplate)).containsExactly("infobip");
    assertThat(CONFIGURED.forStep(step(Channel.RCS, null, null))).containsExactly("infobip", "rbm");
  }

  private static Step step(Channel channel, String provider, List<String> providers) {
    return Step.newBuilder()
        .setChannel(channel)
        .setProvider(provider)
        .setProviders(providers)
        .setSender("sender")
        .setContent(Content.newBuilder().setText("hello").build())
        .build();
  }
}
