package dev.cascade.intake.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cascade.platform.channels.ChannelProviders;
import dev.cascade.platform.http.Problem.FieldError;
import dev.cascade.platform.json.Json;
import dev.cascade.platform.requests.RequestFingerprint;
import dev.cascade.platform.requests.SendRequestRules;
import dev.cascade.schemas.Channel;
import dev.cascade.schemas.FallbackPolicy;
import dev.cascade.schemas.SendRequest;
import dev.cascade.schemas.SmsConversion;
import dev.cascade.schemas.Step;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A request naming a policy (SPEC section 10): expanded into steps, then the request rules. */
class PolicyExpansionTest {

  private static final SendRequestRules RULES =
      new SendRequestRules(ChannelProviders.defaults(), 1);
  private final Map<String, FallbackPolicy> stored = new HashMap<>();
  private final RequestValidator validator =
      new RequestValidator(RULES, name -> Optional.ofNullable(stored.get(name)));

  /** The request of SPEC section 10: WhatsApp text, and SMS converted from it. */
  private static final String OTP_REQUEST = """
      {"messageId": "otp-1", "to": "+393401230000", "policy": "otp-default",
       "content": {"WHATSAPP": {"text": "Your code is 482913"}, "SMS": {"smsConversion": "AUTO"}}}
      """;

  @Test
  void expandsThePolicyWithTheContentOfEachChannelAndRecordsItsVersion() throws IOException {
    // given
    store("otp-default", 3);

    // when
    RequestValidator.Checked checked = validator.check(parse(OTP_REQUEST), "otp-1");

    // then
    assertThat(checked.errors()).isEmpty();
    SendRequest request = checked.request();
    assertThat(request.getSteps())
        .extracting(Step::getChannel, Step::getSender)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Channel.WHATSAPP, "106540352242922"),
            org.assertj.core.groups.Tuple.tuple(Channel.SMS, "Cascade"));
    assertThat(request.getSteps().get(0).getContent().getText()).isEqualTo("Your code is 482913");
    assertThat(request.getSteps().get(0).getFallback().getAfterSeconds()).isEqualTo(60);
    assertThat(request.getSteps().get(1).getContent().getSmsConversion())
        .isEqualTo(SmsConversion.AUTO);
    assertThat(request.getSteps().get(1).getProvider()).isEqualTo("smpp");
    assertThat(request.getPolicy().getName()).isEqualTo("otp-default");
    assertThat(request.getPolicy().getVersion()).isEqualTo(3);
  }

  @Test
  void theFingerprintIsTheExpandedRequestsSoANewVersionIsADifferentRequest() throws IOException {
    store("otp-default", 1);
    String first =
        RequestFingerprint.of(validator.check(parse(OTP_REQUEST), "otp-1").request());
    String again =
        RequestFingerprint.of(validator.check(parse(OTP_REQUEST), "otp-1").request());
    store("otp-default", 2);
    String afterReplace =
        RequestFingerprint.of(validator.check(parse(OTP_REQUEST), "otp-1").request());

    assertThat(again).isEqualTo(first);
    assertThat(afterReplace).isNotEqualTo(first);
  }

  @Test
  void aMissingContentIsNamedByItsChannel() throws IOException {
    store("otp-default", 1);
    String withoutSms = OTP_REQUEST.replace(", \"SMS\": {\"smsConversion\": \"AUTO\"}", "");

    assertThat(validator.validate(parse(withoutSms))).singleElement().satisfies(error -> {
      assertThat(error.field()).isEqualTo("content.SMS");
      assertThat(error.detail())
          .isEqualTo("is required: policy otp-default (version 1) sends on SMS");
    });
  }

  @Test
  void contentForAChannelThePolicyDoesNotUseIsRefused() throws IOException {
    store("otp-default", 1);
    String withViber =
        OTP_REQUEST.replace("\"SMS\": {", "\"VIBER\": {\"text\": \"x\"}, \"SMS\": {");

    assertThat(validator.validate(parse(withViber)))
        .extracting(FieldError::field)
        .containsExactly("content.VIBER");
  }

  @Test
  void anUnknownPolicyIsNamedOnThePolicyField() throws IOException {
    assertThat(validator.validate(parse(OTP_REQUEST))).singleElement().satisfies(error -> {
      assertThat(error.field()).isEqualTo("policy");
      assertThat(error.detail()).startsWith("no policy named otp-default");
    });
  }

  @Test
  void stepsAndAPolicyTogetherAreRefused() throws IOException {
    store("otp-default", 1);
    String both = OTP_REQUEST.replace(
        "\"policy\"",
        "\"steps\": [{\"channel\": \"SMS\", \"sender\": \"S\", \"content\": {\"text\": \"hi\"}}],"
            + " \"policy\"");

    assertThat(validator.validate(parse(both)))
        .extracting(FieldError::field)
        .containsExactly("steps");
  }

  @Test
  void contentWithoutAPolicyAndAPolicyWithoutContentAreRefused() throws IOException {
    store("otp-default", 1);
    String contentAlone = """
        {"to": "+393401230000", "steps": [{"channel": "SMS", "sender": "S", "content": {"text": "hi"}}],
         "content": {"SMS": {"text": "hi"}}}
        """;
    String policyAlone = "{\"to\": \"+393401230000\", \"policy\": \"otp-default\"}";

    assertThat(validator.validate(parse(contentAlone)))
        .extracting(FieldError::field)
        .containsExactly("content");
    assertThat(validator.validate(parse(policyAlone)))
        .extracting(FieldError::field)
        .containsExactly("content");
  }

  @Test
  void contentRulesAreNamedUnderTheChannelsContent() throws IOException {
    // given: a template on WhatsApp leaves AUTO nothing to convert; an unknown channel key
    store("otp-default", 1);
    String templateFirst = OTP_REQUEST.replace(
        "{\"text\": \"Your code is 482913\"}",
        "{\"template\": {\"name\": \"otp\", \"language\": \"en\"}}");
    String unknownChannel = OTP_REQUEST.replace("\"SMS\": {", "\"PIGEON\": {");

    assertThat(validator.validate(parse(templateFirst)))
        .extracting(FieldError::field)
        .containsExactly("content.SMS.smsConversion");
    assertThat(validator.validate(parse(unknownChannel)))
        .extracting(FieldError::field)
        .containsExactly("content.PIGEON");
  }

  @Test
  void aStoredChainThisInstanceCannotServeIsReportedOnThePolicyField() throws IOException {
    // given: the policy names an SMS provider this instance is not configured with
    SendRequestRules smppLess = new SendRequestRules(
        new ChannelProviders(Map.of(Channel.SMS, java.util.List.of("infobip"))), 1);
    RequestValidator narrow =
        new RequestValidator(smppLess, name -> Optional.ofNullable(stored.get(name)));
    store("otp-default", 1);

    assertThat(narrow.validate(parse(OTP_REQUEST))).singleElement().satisfies(error -> {
      assertThat(error.field()).isEqualTo("policy");
      assertThat(error.detail()).startsWith("policy otp-default, steps[1].provider (SMS): smpp");
    });
  }

  private void store(String name, int version) throws IOException {
    stored.put(
        name,
        FallbackPolicy.newBuilder()
            .setName(name)
            .setVersion(version)
            .setSteps(PolicyValidatorTest.parse(PolicyValidatorTest.OTP_DEFAULT).steps().stream()
                .map(RequestMapper::policyStep)
                .toList())
            .setUpdatedAt(Instant.parse("2026-11-23T10:00:00Z"))
            .build());
  }

  private static MessageRequestJson parse(String json) throws IOException {
    return Json.mapper().readValue(json, MessageRequestJson.class);
  }
}
