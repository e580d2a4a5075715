package dev.cascade.intake.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cascade.platform.callbacks.CallbackKeys;
import dev.cascade.platform.channels.ChannelProviders;
import dev.cascade.platform.config.Settings;
import dev.cascade.platform.http.Problem.FieldError;
import dev.cascade.platform.json.Json;
import dev.cascade.platform.requests.SendRequestRules;
import dev.cascade.schemas.Channel;
import dev.cascade.schemas.FallbackTrigger;
import dev.cascade.schemas.SendRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class RequestValidatorTest {

  /** RCS is served by a second provider here, so a test can repeat the channel. */
  private static final ChannelProviders PROVIDERS =
      new ChannelProviders(Map.of(Channel.RCS, List.of("rbm", "other-rbm")));

  /** Key id ops signs callbacks; key id legacy has no callback secret. */
  private static final CallbackKeys CALLBACK_KEYS =
      CallbackKeys.from(Settings.of(Map.of(CallbackKeys.SECRETS_KEY, "ops=0ps-callback-s3cret")));

  private static final RequestValidator VALIDATOR =
      new RequestValidator(new SendRequestRules(PROVIDERS, 1), CALLBACK_KEYS);

  /** The catalogue's providers: RCS over rbm (the default) and infobip. */
  private static final RequestValidator DEFAULT_VALIDATOR =
      new RequestValidator(new SendRequestRules(ChannelProviders.defaults(), 1), CALLBACK_KEYS);

  @Test
  void theSpecExampleIsValidAndMapsToTheAvroRequest() throws IOException {
    MessageRequestJson json = Json.mapper().treeToValue(seed001(), MessageRequestJson.class);

    assertThat(VALIDATOR.validate(json, "ops")).isEmpty();
    SendRequest request = RequestMapper.toAvro(json, json.messageId());
    assertThat(request.getSteps())
        .extracting(s -> s.getChannel())
        .containsExactly(Channel.WHATSAPP, Channel.RCS, Channel.SMS);
    assertThat(request.getSteps().get(1).getFallback().getRevoke()).isTrue();
    assertThat(request.getSteps().get(0).getFallback().getOn())
        .containsExactly(FallbackTrigger.SEND_FAILED, FallbackTrigger.UNDELIVERED);
    assertThat(request.getDeliveryWindow().getZone()).isEqualTo("Europe/Rome");
  }

  @Test
  void namesEachBrokenFieldOfTheTopLevel() {
    assertThat(errorsAfter(body -> {
          body.put("to", "393401234567");
          body.put("messageId", "has spaces in it");
          body.putArray("steps");
        }))
        .extracting(FieldError::field)
        .containsExactlyInAnyOrder("to", "messageId", "steps");
  }

  @Test
  void rejectsMoreThanEightSteps() {
    assertThat(errorsAfter(body -> {
          ArrayNode steps = (ArrayNode) body.get("steps");
          for (int i = 0; i < 6; i++) {
            ObjectNode sms = steps.addObject();
            sms.put("channel", "SMS")
                .put("sender", "S")
                .put("provider", "p" + i)
                .putObject("content")
                .put("text", "hi");
          }
        }))
        .extracting(FieldError::field)
        .contains("steps");
  }

  @Test
  void aChannelMayRepeatOnlyWithADifferentProvider() {
    assertThat(errorsAfter(body -> {
          ObjectNode extra = ((ArrayNode) body.get("steps")).insertObject(2);
          extra
              .put("channel", "RCS")
              .put("sender", "agent")
              .putObject("content")
              .put("text", "hi");
        }))
        .extracting(FieldError::field)
        .containsExactly("steps[2].channel");

    assertThat(errorsAfter(body -> {
          ObjectNode extra = ((ArrayNode) body.get("steps")).insertObject(2);
          extra
              .put("channel", "RCS")
              .put("provider", "other-rbm")
              .put("sender", "agent")
              .putObject("content")
              .put("text", "hi");
        }))
        .isEmpty();
  }

  @Test
  void unreadIsInvalidOnSmsAndTheLastStepHasNoFallback() {
    assertThat(errorsAfter(body -> {
          ObjectNode sms = (ObjectNode) body.get("steps").get(2);
          sms.putObject("fallback").putArray("on").add("UNREAD");
        }))
        .extracting(FieldError::field)
        .containsExactly("steps[2].fallback");

    assertThat(errorsAfter(body -> {
          ObjectNode sms = ((ArrayNode) body.get("steps")).insertObject(0);
          sms.put("channel", "SMS")
              .put("provider", "smpp")
              .put("sender", "S")
              .putObject("content")
              .put("text", "hi");
          sms.putObject("fallback").putArray("on").add("UNREAD");
        }))
        .extracting(FieldError::field)
        .containsExactly("steps[0].fallback.on[0]");
  }

  @Test
  void boundsAfterSecondsAndValidity() {
    List<FieldError> errors = errorsAfter(body -> {
      ((ObjectNode) body.get("steps").get(0).get("fallback")).put("afterSeconds", 259_201);
      ((ObjectNode) body.get("steps").get(2)).put("validitySeconds", 172_801);
      ObjectNode period = ((ObjectNode) body.get("steps").get(1)).putObject("validityPeriod");
      period.put("amount", 3).put("timeUnit", "DAYS");
    });

    assertThat(errors)
        .extracting(FieldError::field)
        .containsExactlyInAnyOrder(
            "steps[0].fallback.afterSeconds",
            "steps[2].validitySeconds",
            "steps[1].validityPeriod");
  }

  @Test
  void contentMustBeExactlyOneKindThatTheChannelCanSend() {
    List<FieldError> errors = errorsAfter(body -> {
      ((ObjectNode) body.get("steps").get(0).get("content")).put("text", "also text");
      ((ObjectNode) body.get("steps").get(2))
          .putObject("content")
          .putObject("richCard")
          .put("title", "x");
      ((ObjectNode) body.get("steps").get(1)).putObject("content").put("text", " ");
    });

    assertThat(errors)
        .extracting(FieldError::field)
        .containsExactlyInAnyOrder(
            "steps[0].content", "steps[2].content.richCard", "steps[1].content.text");
  }

  @Test
  void smsTextIsAtMostTenParts() {
    assertThat(errorsAfter(body -> ((ObjectNode) body.get("steps").get(2))
            .putObject("content")
            .put("text", "a".repeat(153 * 10))))
        .isEmpty();
    assertThat(errorsAfter(body -> ((ObjectNode) body.get("steps").get(2))
            .putObject("content")
            .put("text", "a".repeat(153 * 10 + 1))))
        .extracting(FieldError::field)
        .containsExactly("steps[2].content.text");
  }

  @Test
  void deliveryWindowNeedsDaysClockTimesAndAZone() {
    assertThat(errorsAfter(body -> {
          ObjectNode window = (ObjectNode) body.get("deliveryWindow");
          window.putArray("days").add("FUNDAY");
          window.put("from", "8am");
          window.put("zone", "Mars/Olympus");
        }))
        .extracting(FieldError::field)
        .containsExactlyInAnyOrder(
            "deliveryWindow.days[0]", "deliveryWindow.from", "deliveryWindow.zone");
  }

  @Test
  void revokeIsForRcsOnly() {
    assertThat(errorsAfter(
            body -> ((ObjectNode) body.get("steps").get(0).get("fallback")).put("revoke", true)))
        .extracting(FieldError::field)
        .containsExactly("steps[0].fallback.revoke");
  }

  @Test
  void aStepMayNameOnlyAProviderThatServesItsChannel() {
    // issue 12 items 1 and 2: an SMS through the WhatsApp API, a made-up provider
    assertThat(errorsAfter(body -> ((ObjectNode) body.get("steps").get(2)).put("provider", "meta")))
        .containsExactly(new FieldError(
            "steps[2].provider", "meta does not serve SMS; SMS providers: infobip, smpp"));
    assertThat(
            errorsAfter(body -> ((ObjectNode) body.get("steps").get(0)).put("provider", "pigeon")))
        .extracting(FieldError::field)
        .containsExactly("steps[0].provider");
    assertThat(errorsAfter(body -> ((ObjectNode) body.get("steps").get(2)).put("provider", "smpp")))
        .isEmpty();
  }

  @Test
  void anSmsStepMayListItsProvidersInFailoverOrder() throws IOException {
    ObjectNode body = seed001();
    ((ObjectNode) body.get("steps").get(2)).putArray("providers").add("smpp").add("infobip");
    MessageRequestJson json = Json.mapper().treeToValue(body, MessageRequestJson.class);

    assertThat(VALIDATOR.validate(json, "ops")).isEmpty();
    assertThat(RequestMapper.toAvro(json, json.messageId()).getSteps().get(2).getProviders())
        .containsExactly("smpp", "infobip");
  }

  @Test
  void eachListedProviderIsCheckedOnItsOwnField() {
    assertThat(errorsAfter(body -> ((ObjectNode) body.get("steps").get(2))
            .putArray("providers")
            .add("smpp")
            .add("meta")
            .add("smpp")
            .addNull()))
        .containsExactly(new FieldError("steps[2].providers[3]", "must name a provider"));
    assertThat(errorsAfter(body -> ((ObjectNode) body.get("steps").get(2))
            .putArray("providers")
            .add("smpp")
            .add("meta")
            .add("smpp")))
        .containsExactly(
            new FieldError(
                "steps[2].providers[1]", "meta does not serve SMS; SMS providers: infobip, smpp"),
            new FieldError("steps[2].providers[2]", "smpp is listed twice"));
    assertThat(errorsAfter(body -> ((ObjectNode) body.get("steps").get(2))
            .put("provider", "infobip")
            .putArray("providers")
            .add("smpp")
            .add("infobip")))
        .extracting(FieldError::field)
        .containsExactly("steps[2].provider");
  }

  @Test
  void autoNeedsSomethingToConvertWithinTheConversionLimit() {
    // issue 12 item 3: a card with only media converts to no text at all
    assertThat(errorsAfter(body -> ((ObjectNode) body.get("steps").get(1))
            .putObject("content")
            .putObject("richCard")
            .put("media", "https://example.com/card.png")))
        .extracting(FieldError::field)
        .containsExactly("steps[2].content.smsConversion");
    // issue 12 item 7: a long card description would become a multi-part SMS (limit: 1 part here)
    assertThat(errorsAfter(body -> ((ObjectNode) body.get("steps").get(1))
            .putObject("content")
            .putObject("richCard")
            .put("title", "Offer")
            .put("description", "d".repeat(400))))
        .singleElement()
        .satisfies(error -> {
          assertThat(error.field()).isEqualTo("steps[2].content.smsConversion");
          assertThat(error.detail()).contains("needs 3 SMS parts");
        });
    // ... and a template's approved text is unknown: AUTO after a template alone has nothing to
    // convert
    assertThat(errorsAfter(body -> ((ArrayNode) body.get("steps")).remove(1)))
        .extracting(FieldError::field)
        .containsExactly("steps[1].content.smsConversion");
  }

  @Test
  void anRcsTemplateIsValidOverInfobip() throws IOException {
    // issue 12 item 15: seed 001 sends an RCS template (Agile Telecom's templateId) after WhatsApp
    assertThat(DEFAULT_VALIDATOR.validate(withRcsTemplate("infobip"), "ops")).isEmpty();
  }

  @Test
  void anRcsTemplateOverRbmOrTheRbmDefaultIsRejectedNamingTheTemplate() throws IOException {
    assertThat(DEFAULT_VALIDATOR.validate(withRcsTemplate("rbm"), "ops"))
        .containsExactly(new FieldError(
            "steps[1].content.template",
            "rbm cannot send RCS templates; RCS template providers: infobip"));
    assertThat(DEFAULT_VALIDATOR.validate(withRcsTemplate(null), "ops"))
        .singleElement()
        .satisfies(error -> {
          assertThat(error.field()).isEqualTo("steps[1].content.template");
          assertThat(error.detail())
              .contains("rbm (the default RCS provider) cannot send RCS templates")
              .contains("RCS template providers: infobip");
        });
  }

  /** Seed 001 with its RCS step sending template {@code 10} through {@code provider}. */
  private static MessageRequestJson withRcsTemplate(String provider) throws IOException {
    ObjectNode body = seed001();
    ObjectNode rcs = (ObjectNode) body.get("steps").get(1);
    if (provider != null) {
      rcs.put("provider", provider);
    }
    ObjectNode template = rcs.putObject("content").putObject("template");
    template.put("name", "10").put("language", "it");
    template.putObject("parameters").put("nome", "Giulia").put("importo", "1.250,00");
    // AUTO has nothing to convert after a template: the SMS step brings its own text
    ((ObjectNode) body.get("steps").get(2)).putObject("content").put("text", "Transaction alert");
    return Json.mapper().treeToValue(body, MessageRequestJson.class);
  }

  @Test
  void aScheduledSendIsAtMostThirtyDaysAheadAndNotInThePast() {
    java.time.Instant now = java.time.Instant.now();
    assertThat(errorsAfter(
            body -> body.put("sendAt", now.plus(java.time.Duration.ofDays(2)).toString())))
        .isEmpty();
    assertThat(errorsAfter(
            body -> body.put("sendAt", now.plus(java.time.Duration.ofDays(31)).toString())))
        .containsExactly(new FieldError("sendAt", "must be at most 30 days ahead"));
    assertThat(errorsAfter(
            body -> body.put("sendAt", now.minus(java.time.Duration.ofHours(1)).toString())))
        .containsExactly(new FieldError("sendAt", "must not be in the past"));
    assertThat(errorsAfter(body -> body.put("sendAt", "tomorrow morning")))
        .extracting(FieldError::field)
        .containsExactly("sendAt");
  }

  @Test
  void aCallbackWithAnHttpsUrlMapsToTheRequestWithOutcomeByDefault() throws IOException {
    ObjectNode body = seed001();
    body.putObject("callback").put("url", "https://hooks.example.com/cascade?tenant=7");
    MessageRequestJson json = Json.mapper().treeToValue(body, MessageRequestJson.class);

    RequestValidator.Checked checked = VALIDATOR.check(json, json.messageId(), "ops");

    assertThat(checked.errors()).isEmpty();
    assertThat(checked.request().getCallback().getUrl())
        .isEqualTo("https://hooks.example.com/cascade?tenant=7");
    assertThat(checked.request().getCallback().getEvents()).containsExactly("OUTCOME");
  }

  @Test
  void aCallbackUrlMustBeHttpsToAPublicHost() {
    for (String url : List.of(
        "http://hooks.example.com/cascade",
        "https://127.0.0.1/cascade",
        "https://localhost:8443/cascade",
        "https://[::1]/cascade",
        "https://10.1.2.3/cascade",
        "https://192.168.0.10/cascade",
        "https://169.254.169.254/latest/meta-data",
        "https://2130706433/cascade",
        "ftp://hooks.example.com/cascade",
        "not a url")) {
      assertThat(errorsAfter(body -> body.putObject("callback").put("url", url)))
          .as(url)
          .extracting(FieldError::field)
          .containsExactly("callback.url");
    }
  }

  @Test
  void callbackEventsAreOutcomeOrStatusAtLeastOneNoneTwice() {
    assertThat(errorsAfter(body -> callback(body).add("OUTCOME").add("STATUS"))).isEmpty();
    assertThat(errorsAfter(body -> callback(body).add("STATUS"))).isEmpty();
    assertThat(errorsAfter(body -> callback(body).add("DELIVERED")))
        .containsExactly(new FieldError("callback.events[0]", "must be one of OUTCOME, STATUS"));
    assertThat(errorsAfter(body -> callback(body)))
        .extracting(FieldError::field)
        .containsExactly("callback.events");
    assertThat(errorsAfter(body -> callback(body).add("STATUS").add("STATUS")))
        .containsExactly(new FieldError("callback.events", "must not name an event twice"));
  }

  @Test
  void aCallbackNeedsACallbackSecretForTheCallersKey() throws IOException {
    ObjectNode body = seed001();
    body.putObject("callback").put("url", "https://hooks.example.com/cascade");
    MessageRequestJson json = Json.mapper().treeToValue(body, MessageRequestJson.class);

    assertThat(VALIDATOR.validate(json, "legacy"))
        .extracting(FieldError::field)
        .containsExactly("callback");
    assertThat(VALIDATOR.validate(json, "ops")).isEmpty();
  }

  private static ArrayNode callback(ObjectNode body) {
    ObjectNode callback = body.putObject("callback");
    callback.put("url", "https://hooks.example.com/cascade");
    return callback.putArray("events");
  }

  private static List<FieldError> errorsAfter(Consumer<ObjectNode> change) {
    try {
      ObjectNode body = seed001();
      change.accept(body);
      return VALIDATOR.validate(Json.mapper().treeToValue(body, MessageRequestJson.class), "ops");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static ObjectNode seed001() throws IOException {
    try (InputStream in =
        RequestValidatorTest.class.getResourceAsStream("/requests/seed-001-banca-adriatica.json")) {
      return (ObjectNode) Json.mapper().readTree(in);
    }
  }
}
