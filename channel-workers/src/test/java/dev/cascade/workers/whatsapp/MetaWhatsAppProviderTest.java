package dev.cascade.workers.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cascade.platform.json.Json;
import dev.cascade.schemas.AttemptResult;
import dev.cascade.schemas.Channel;
import dev.cascade.schemas.ChannelCommand;
import dev.cascade.schemas.Content;
import dev.cascade.schemas.RichCard;
import dev.cascade.schemas.Template;
import dev.cascade.workers.provider.Commands;
import dev.cascade.workers.provider.JsonHttp;
import dev.cascade.workers.provider.ProviderResult;
import dev.cascade.workers.provider.StubProvider;
import dev.cascade.workers.provider.UnsupportedContentException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Meta's Cloud API adapter against a stub speaking its documented request and response shapes. */
class MetaWhatsAppProviderTest {

  private final StubProvider stub = new StubProvider();
  private final JsonHttp http =
      new JsonHttp(Duration.ofSeconds(1), Duration.ofSeconds(2), (p, d) -> {});

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
    ChannelCommand command = Commands.send(
        Channel.WHATSAPP,
        Content.newBuilder()
            .setTemplate(Template.newBuilder()
                .setName("txn_alert")
                .setLanguage("it")
                .setParameters(parameters)
                .build())
            .build());

    ProviderResult result =
        provider("token-1").send(command).toCompletableFuture().join();

    assertThat(result.outcome()).isEqualTo(AttemptResult.ACCEPTED);
    assertThat(result.providerMessageIds())
        .containsExactly("wamid.HBgLMzkzNDAxMjMwMDAwFQIAERgSQkM3");
    StubProvider.Request request = stub.requests().getFirst();
    assertThat(request.path()).isEqualTo("/v21.0/106540352242922/messages");
    assertThat(request.header("Authorization")).isEqualTo("Bearer token-1");
    JsonNode body = Json.mapper().readTree(request.body());
    assertThat(body.get("to").asText()).isEqualTo("393401230000");
    assertThat(body.get("type").asText()).isEqualTo("template");
    assertThat(body.at("/template/language/code").asText()).isEqualTo("it");
    assertThat(body.at("/template/components/0/parameters/0/parameter_name").asText())
        .isEqualTo("nome");
    assertThat(body.at("/template/components/0/parameters/1/text").asText()).isEqualTo("1.250,00");
    assertThat(body.get("biz_opaque_callback_data").asText()).isEqualTo("attempt-1");
  }

  @Test
  void whatsappErrorsBecomeRejectionsWithMetasCode() {
    stub.answer(400, """
        {"error":{"message":"(#131026) Message undeliverable","type":"OAuthException","code":131026,
         "error_data":{"messaging_product":"whatsapp","details":"Recipient is not a WhatsApp user"},"fbtrace_id":"Az8"}}""");

    ProviderResult result = provider("t")
        .send(Commands.text(Channel.WHATSAPP, "hi"))
        .toCompletableFuture()
        .join();

    assertThat(result.outcome()).isEqualTo(AttemptResult.REJECTED);
    assertThat(result.providerCode()).isEqualTo("131026");
  }

  @Test
  void aRichCardCannotBeExpressedOnWhatsAppAndNothingIsSent() {
    ChannelCommand card = Commands.send(
        Channel.WHATSAPP,
        Content.newBuilder()
            .setRichCard(RichCard.newBuilder()
                .setTitle("Suspicious transaction")
                .setSuggestions(List.of())
                .build())
            .build());

    assertThatThrownBy(() -> provider("t").send(card))
        .isInstanceOf(UnsupportedContentException.class);
    assertThat(stub.requests()).isEmpty();
  }

  private MetaWhatsAppProvider provider(String token) {
    return new MetaWhatsAppProvider(http, new MetaConfig(URI.create(stub.url()), token, 50));
  }
}
