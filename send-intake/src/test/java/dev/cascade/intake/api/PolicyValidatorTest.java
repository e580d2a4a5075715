package dev.cascade.intake.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cascade.platform.channels.ChannelProviders;
import dev.cascade.platform.http.Problem.FieldError;
import dev.cascade.platform.json.Json;
import dev.cascade.platform.requests.SendRequestRules;
import dev.cascade.schemas.Channel;
import dev.cascade.schemas.FallbackTrigger;
import dev.cascade.schemas.PolicyStep;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** A policy body (PUT /v1/policies/{name}) checked with the request rules, without content. */
class PolicyValidatorTest {

  private static final PolicyValidator VALIDATOR =
      new PolicyValidator(new SendRequestRules(ChannelProviders.defaults(), 1));

  /** SPEC section 10's otp-default: WhatsApp for a minute, then SMS. */
  static final String OTP_DEFAULT = """
      {"steps": [
        {"channel": "WHATSAPP", "sender": "106540352242922",
         "fallback": {"on": ["SEND_FAILED", "UNDELIVERED"], "afterSeconds": 60}},
        {"channel": "SMS", "provider": "smpp", "sender": "Cascade", "validitySeconds": 600}]}
      """;

  @Test
  void aChainWithoutContentIsValidAndMapsToPolicySteps() throws IOException {
    PolicyValidator.Checked checked = VALIDATOR.check("otp-default", parse(OTP_DEFAULT));

    assertThat(checked.errors()).isEmpty();
    assertThat(checked.steps())
        .extracting(PolicyStep::getChannel)
        .containsExactly(Channel.WHATSAPP, Channel.SMS);
    assertThat(checked.steps().get(0).getFallback().getOn())
        .containsExactly(FallbackTrigger.SEND_FAILED, FallbackTrigger.UNDELIVERED);
    assertThat(checked.steps().get(0).getFallback().getAfterSeconds()).isEqualTo(60);
    assertThat(checked.steps().get(1).getProvider()).isEqualTo("smpp");
    assertThat(checked.steps().get(1).getValiditySeconds()).isEqualTo(600);
  }

  @Test
  void namesTheBrokenFieldsInsideThePolicyBody() throws IOException {
    String broken = OTP_DEFAULT
        .replace("\"afterSeconds\": 60", "\"afterSeconds\": 0")
        .replace("\"provider\": \"smpp\"", "\"provider\": \"meta\"");

    assertThat(VALIDATOR.check("otp-default", parse(broken)).errors())
        .extracting(FieldError::field)
        .containsExactly("steps[0].fallback.afterSeconds", "steps[1].provider");
  }

  @Test
  void theStepRulesOfRequestsApply() throws IOException {
    String smsWithUnread = """
        {"steps": [
          {"channel": "SMS", "sender": "A", "fallback": {"on": ["UNREAD"]}},
          {"channel": "SMS", "sender": "B", "validityPeriod": {"amount": 3, "timeUnit": "DAYS"},
           "fallback": {"on": ["SEND_FAILED"]}}]}
        """;

    assertThat(VALIDATOR.check("p", parse(smsWithUnread)).errors())
        .extracting(FieldError::field)
        .containsExactly(
            "steps[0].fallback.on[0]",
            "steps[1].channel",
            "steps[1].fallback",
            "steps[1].validityPeriod");
  }

  @Test
  void aStepWithContentIsRefused() throws IOException {
    String withContent = OTP_DEFAULT.replace(
        "\"sender\": \"Cascade\"", "\"sender\": \"Cascade\", \"content\": {\"text\": \"hi\"}");

    assertThat(VALIDATOR.check("otp-default", parse(withContent)).errors())
        .singleElement()
        .satisfies(error -> {
          assertThat(error.field()).isEqualTo("steps[1].content");
          assertThat(error.detail()).contains("a policy holds no content");
        });
  }

  @Test
  void shapeFaultsAreNamedBeforeTheRules() throws IOException {
    assertThat(VALIDATOR.check("p", parse("{}")).errors())
        .extracting(FieldError::field)
        .containsExactly("steps");
    assertThat(VALIDATOR.check("p", parse("{\"steps\": []}")).errors())
        .extracting(FieldError::field)
        .containsExactly("steps");
    assertThat(VALIDATOR
            .check("p", parse("{\"steps\": [{\"channel\": \"FAX\", \"sender\": \"A\"}]}"))
            .errors())
        .extracting(FieldError::field)
        .containsExactly("steps[0].channel");
    assertThat(VALIDATOR
            .check(
                "p",
                parse(
                    "{\"steps\": [{\"channel\": \"SMS\", \"sender\": \"A\", \"providers\": [null]}]}"))
            .errors())
        .extracting(FieldError::field)
        .containsExactly("steps[0].providers");
  }

  @Test
  void theNameIsShortAndSafeInAPathAndMatchesTheBody() throws IOException {
    assertThat(VALIDATOR.check("otp.default_v-2", parse(OTP_DEFAULT)).valid()).isTrue();
    assertThat(VALIDATOR.check("a".repeat(65), parse(OTP_DEFAULT)).errors())
        .extracting(FieldError::field)
        .containsExactly("name");
    assertThat(VALIDATOR.check("-leading-dash", parse(OTP_DEFAULT)).errors())
        .extracting(FieldError::field)
        .containsExactly("name");
    assertThat(VALIDATOR.check("otp default", parse(OTP_DEFAULT)).errors())
        .extracting(FieldError::field)
        .containsExactly("name");
    String named = OTP_DEFAULT.replaceFirst("\\{", "{\"name\": \"other\", ");
    assertThat(VALIDATOR.check("otp-default", parse(named)).errors())
        .containsExactly(new FieldError("name", "must be the name in the path, otp-default"));
  }

  static PolicyJson parse(String json) throws IOException {
    return Json.mapper().readValue(json, PolicyJson.class);
  }
}
