package dev.cascade.platform.requests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cascade.platform.channels.ChannelProviders;
import dev.cascade.platform.config.Settings;
import dev.cascade.schemas.Channel;
import dev.cascade.schemas.Content;
import dev.cascade.schemas.Fallback;
import dev.cascade.schemas.SendRequest;
import dev.cascade.schemas.Step;
import dev.cascade.schemas.Template;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The rules on Avro requests as a producer writes them to send.requests (send-intake's JSON tests
 * cover the HTTP path): which provider may send an RCS template.
 */
class SendRequestRulesTest {

  private static final SendRequestRules RULES =
      new SendRequestRules(ChannelProviders.defaults(), 1);

  @Test
  void anRcsTemplateIsValidOverInfobip() {
    assertThat(RULES.violations(whatsAppThenRcsTemplate("infobip"))).isEmpty();
  }

  @Test
  void anRcsTemplateOverRbmOrTheRbmDefaultNamesTheTemplateField() {
    assertThat(RULES.violations(whatsAppThenRcsTemplate("rbm")))
        .containsExactly(new Violation(
            "steps[1].content.template",
            "rbm cannot send RCS templates; RCS template providers: infobip"));
    assertThat(RULES.violations(whatsAppThenRcsTemplate(null)))
        .singleElement()
        .satisfies(violation -> {
          assertThat(violation.field()).isEqualTo("steps[1].content.template");
          assertThat(violation.detail())
              .startsWith("rbm (the default RCS provider) cannot send RCS templates")
              .contains("RCS template providers: infobip");
        });
  }

  @Test
  void aDeploymentWhoseRcsDefaultIsInfobipTakesTemplatesWithoutAProvider() {
    SendRequestRules rules = new SendRequestRules(
        ChannelProviders.from(Settings.of(Map.of("channel.rcs.provider", "infobip"))), 1);

    assertThat(rules.violations(whatsAppThenRcsTemplate(null))).isEmpty();
  }

  @Test
  void anUnknownProviderIsReportedOnceOnItsOwnField() {
    assertThat(RULES.violations(whatsAppThenRcsTemplate("pigeon")))
        .extracting(Violation::field)
        .containsExactly("steps[1].provider");
  }

  @Test
  void aPolicyChainIsCheckedWithoutContentAndNamesTheStepFields() {
    // given: a content-less chain (a named policy): an empty content is not a fault there
    Step whatsapp = Step.newBuilder()
        .setChannel(Channel.WHATSAPP)
        .setSender("106540352242922")
        .setContent(new Content())
        .setFallback(Fallback.newBuilder().setAfterSeconds(0).build())
        .build();
    Step sms = Step.newBuilder()
        .setChannel(Channel.SMS)
        .setSender("")
        .setContent(new Content())
        .setFallback(Fallback.newBuilder().build())
        .build();

    // when
    List<Violation> violations = RULES.chainViolations(List.of(whatsapp, sms));

    // then
    assertThat(violations)
        .extracting(Violation::field)
        .containsExactly("steps[0].fallback.afterSeconds", "steps[1].sender", "steps[1].fallback");
    assertThat(RULES.chainViolations(List.of(withSender(sms)))).isEmpty();
  }

  private static Step withSender(Step step) {
    return Step.newBuilder(step).setSender("Cascade").setFallback(null).build();
  }

  /** Seed 001's shape: a WhatsApp template, then an RCS template (Agile Telecom's templateId). */
  private static SendRequest whatsAppThenRcsTemplate(String rcsProvider) {
    Step whatsapp = Step.newBuilder()
        .setChannel(Channel.WHATSAPP)
        .setSender("106540352242922")
        .setContent(Content.newBuilder().setTemplate(template("txn_alert")).build())
        .setFallback(Fallback.newBuilder().build())
        .build();
    Step rcs = Step.newBuilder()
        .setChannel(Channel.RCS)
        .setProvider(rcsProvider)
        .setSender("banca-agent")
        .setContent(Content.newBuilder().setTemplate(template("txn_alert_rcs")).build())
        .build();
    return SendRequest.newBuilder()
        .setMessageId("txn-notifica-20260409-001")
        .setTo("+393401234567")
        .setSteps(List.of(whatsapp, rcs))
        .build();
  }

  private static Template template(String name) {
    return Template.newBuilder()
        .setName(name)
        .setLanguage("it")
        .setParameters(Map.of("nome", "Giulia", "importo", "1.250,00"))
        .build();
  }
}
