package dev.cascade.workers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cascade.platform.json.Json;
import dev.cascade.schemas.AttemptResult;
import dev.cascade.schemas.Channel;
import dev.cascade.schemas.ChannelCommand;
import dev.cascade.schemas.CommandType;
import dev.cascade.schemas.Content;
import dev.cascade.schemas.RichCard;
import dev.cascade.schemas.Suggestion;
import dev.cascade.schemas.Template;
import dev.cascade.workers.infobip.InfobipProvider;
import dev.cascade.workers.provider.JsonHttp;
import dev.cascade.workers.provider.ProviderResult;
import dev.cascade.workers.provider.RetryingCaller;
import dev.cascade.workers.rbm.CapabilityCache;
import dev.cascade.workers.rbm.RbmAccessToken;
import dev.cascade.workers.rbm.RbmProvider;
import dev.cascade.workers.whatsapp.MetaWhatsAppProvider;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each adapter against a stub speaking the provider's documented request and response shapes. */
class ProvidersTest {

  private final StubProvider stub = new StubProvider();
  private final JsonHttp http = new JsonHttp(Duration.ofSeconds(1), Duration.ofSeconds(2), (p, d) -> { });
  private final List<Boolean> cacheLookups = new ArrayList<>();

  @AfterEach
  void stopStub() {
    stub.close();
  }

  @Test
  void whatsappSendsANamedParameterTemplateAndReturnsTheWamid() throws Exception {
    stub.answer(200, """
        {"messaging_product":"whatsapp","contacts":[{"input":"393401230000","wa_id":"393401230000"}],
         "messages":[{"id":"wamid.HBgLMzkzNDAxMjMwMDAwFQIAERgSQkM3"}]}""");
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("nome", "Giulia");
    parameters.put("importo", "1.250,00");
    ChannelCommand command = command(Channel.WHATSAPP, Content.newBuilder()
        .setTemplate(Template.newBuilder().setName("txn_alert").setLanguage("it").setParameters(parameters).build()).build());

    ProviderResult result = new MetaWhatsAppProvider(http, stub.url(), "token-1").send(command);

    assertThat(result.outcome()).isEqualTo(AttemptResult.ACCEPTED);
    assertThat(result.providerMessageIds()).containsExactly("wamid.HBgLMzkzNDAxMjMwMDAwFQIAERgSQkM3");
    StubProvider.Request request = stub.requests().getFirst();
    assertThat(request.path()).isEqualTo("/v21.0/106540352242922/messages");
    assertThat(request.header("Authorization")).isEqualTo("Bearer token-1");
    JsonNode body = Json.mapper().readTree(request.body());
    assertThat(body.get("to").asText()).isEqualTo("393401230000");
    assertThat(body.get("type").asText()).isEqualTo("template");
    assertThat(body.at("/template/language/code").asText()).isEqualTo("it");
    assertThat(body.at("/template/components/0/parameters/0/parameter_name").asText()).isEqualTo("nome");
    assertThat(body.at("/template/components/0/parameters/1/text").asText()).isEqualTo("1.250,00");
    assertThat(body.get("biz_opaque_callback_data").asText()).isEqualTo("attempt-1");
  }

  @Test
  void whatsappErrorsBecomeRejectionsWithMetasCode() throws Exception {
    stub.answer(400, """
        {"error":{"message":"(#131026) Message undeliverable","type":"OAuthException","code":131026,
         "error_data":{"messaging_product":"whatsapp","details":"Recipient is not a WhatsApp user"},"fbtrace_id":"Az8"}}""");

    ProviderResult result = new MetaWhatsAppProvider(http, stub.url(), "t").send(
        command(Channel.WHATSAPP, Content.newBuilder().setText("hi").build()));

    assertThat(result.outcome()).isEqualTo(AttemptResult.REJECTED);
    assertThat(result.providerCode()).isEqualTo("131026");
  }

  @Test
  void rbmChecksCapabilityOnceThenSendsAStandaloneCardUnderTheAttemptId() throws Exception {
    stub.answer(200, "{\"features\":[\"RICHCARD_STANDALONE\"]}").answer(200, "{\"name\":\"phones/+393401230000/agentMessages/attempt-1\"}");
    RbmProvider rbm = new RbmProvider(http, stub.url(), RbmAccessToken.fixed("t"), cache());
    RichCard card = RichCard.newBuilder().setTitle("Suspicious transaction").setDescription("EUR 1.250,00")
        .setSuggestions(List.of(Suggestion.newBuilder().setText("Block").setPostbackData("block").build())).build();
    ChannelCommand command = command(Channel.RCS, Content.newBuilder().setRichCard(card).build());

    assertThat(rbm.send(command).providerMessageIds()).containsExactly("attempt-1");
    rbm.send(command);

    List<StubProvider.Request> requests = stub.requests();
    assertThat(requests.get(0).path()).startsWith("/v1/phones/%2B393401230000/capabilities?requestId=");
    assertThat(requests.get(1).path()).isEqualTo("/v1/phones/%2B393401230000/agentMessages?messageId=attempt-1&agentId=106540352242922");
    assertThat(requests).hasSize(3); // the second send found the capability in the cache
    assertThat(cacheLookups).containsExactly(false, true);
    JsonNode body = Json.mapper().readTree(requests.get(1).body());
    assertThat(body.at("/contentMessage/richCard/standaloneCard/cardContent/title").asText()).isEqualTo("Suspicious transaction");
    assertThat(body.at("/contentMessage/richCard/standaloneCard/cardContent/suggestions/0/reply/postbackData").asText())
        .isEqualTo("block");
  }

  @Test
  void rbmNotCapableSendsNothingAndARevokeOfADeliveredMessageSaysSo() throws Exception {
    stub.answer(404, "{\"error\":{\"code\":404,\"message\":\"Requested entity was not found.\",\"status\":\"NOT_FOUND\"}}");
    RbmProvider rbm = new RbmProvider(http, stub.url(), RbmAccessToken.fixed("t"), cache());

    assertThat(rbm.send(command(Channel.RCS, Content.newBuilder().setText("hi").build())).outcome())
        .isEqualTo(AttemptResult.NOT_CAPABLE);
    ChannelCommand revoke = ChannelCommand.newBuilder(command(Channel.RCS, null)).setType(CommandType.REVOKE)
        .setProviderMessageIds(List.of("attempt-1")).build();
    assertThat(rbm.revoke(revoke).outcome()).isEqualTo(AttemptResult.ALREADY_DELIVERED);
    assertThat(stub.requests()).extracting(StubProvider.Request::method).containsExactly("GET", "DELETE");
  }

  @Test
  void infobipSmsCarriesTheAttemptIdAndValidityInMinutesAndCountsParts() throws Exception {
    stub.answer(200, """
        {"bulkId":"b-1","messages":[{"to":"393401230000","messageId":"attempt-1",
         "status":{"groupId":1,"groupName":"PENDING","id":26,"name":"PENDING_ACCEPTED","description":"Message sent to next instance"}}]}""");
    ChannelCommand command = ChannelCommand.newBuilder(command(Channel.SMS, Content.newBuilder().setText("a".repeat(200)).build()))
        .setValiditySeconds(172_800).build();

    ProviderResult result = new InfobipProvider(http, stub.url(), "key-1", "https://cascade.example/webhooks/infobip").send(command);

    assertThat(result.outcome()).isEqualTo(AttemptResult.ACCEPTED);
    assertThat(result.encoding()).isEqualTo("GSM7");
    assertThat(result.parts()).isEqualTo(2);
    StubProvider.Request request = stub.requests().getFirst();
    assertThat(request.path()).isEqualTo("/sms/2/text/advanced");
    assertThat(request.header("Authorization")).isEqualTo("App key-1");
    JsonNode body = Json.mapper().readTree(request.body());
    assertThat(body.at("/messages/0/destinations/0/messageId").asText()).isEqualTo("attempt-1");
    assertThat(body.at("/messages/0/validityPeriod").asInt()).isEqualTo(2880);
    assertThat(body.at("/messages/0/notifyUrl").asText()).isEqualTo("https://cascade.example/webhooks/infobip");
  }

  @Test
  void infobipServiceExceptionsAreRejectionsWithTheirMessageId() throws Exception {
    stub.answer(400, "{\"requestError\":{\"serviceException\":{\"messageId\":\"INVALID_DESTINATION\",\"text\":\"Invalid destination address\"}}}");

    ProviderResult result = new InfobipProvider(http, stub.url(), "k", null).send(command(Channel.SMS, Content.newBuilder().setText("hi").build()));

    assertThat(result.outcome()).isEqualTo(AttemptResult.REJECTED);
    assertThat(result.providerCode()).isEqualTo("INVALID_DESTINATION");
  }

  @Test
  void transientErrorsAreRetriedHonouringRetryAfter() throws Exception {
    stub.answer(503, "{}").answer(429, "{}", Map.of("Retry-After", "1")).answer(200, """
        {"bulkId":"b","messages":[{"messageId":"attempt-1","status":{"groupName":"PENDING","name":"PENDING_ACCEPTED"}}]}""");
    List<Duration> waits = new ArrayList<>();
    RetryingCaller retrying = new RetryingCaller(4, Duration.ofMillis(200), Duration.ofSeconds(10), waits::add);
    InfobipProvider infobip = new InfobipProvider(http, stub.url(), "k", null);

    ProviderResult result = retrying.call(() -> infobip.send(command(Channel.VIBER, Content.newBuilder().setText("hi").build())));

    assertThat(result.outcome()).isEqualTo(AttemptResult.ACCEPTED);
    assertThat(stub.requests()).hasSize(3);
    assertThat(waits).hasSize(2);
    assertThat(waits.get(0)).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
    assertThat(waits.get(1)).isEqualTo(Duration.ofSeconds(1));
  }

  private CapabilityCache cache() {
    return new CapabilityCache(Duration.ofHours(4), 100, Clock.systemUTC(), cacheLookups::add);
  }

  private static ChannelCommand command(Channel channel, Content content) {
    return ChannelCommand.newBuilder().setType(CommandType.SEND).setAttemptId("attempt-1").setMessageId("m-1")
        .setStep(0).setChannel(channel).setTo("+393401230000").setSender("106540352242922").setContent(content)
        .setIssuedAt(Instant.parse("2026-04-09T10:00:00Z")).build();
  }
}
