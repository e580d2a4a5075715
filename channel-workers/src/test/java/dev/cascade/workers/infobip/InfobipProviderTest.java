package dev.cascade.workers.infobip;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cascade.platform.json.Json;
import dev.cascade.schemas.AttemptResult;
import dev.cascade.schemas.Channel;
import dev.cascade.schemas.ChannelCommand;
import dev.cascade.workers.provider.Commands;
import dev.cascade.workers.provider.JsonHttp;
import dev.cascade.workers.provider.ProviderResult;
import dev.cascade.workers.provider.StubProvider;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Infobip's Viber and SMS adapter against a stub speaking its documented shapes. */
class InfobipProviderTest {

  private final StubProvider stub = new StubProvider();
  private final JsonHttp http =
      new JsonHttp(Duration.ofSeconds(1), Duration.ofSeconds(2), (p, d) -> {});

  @AfterEach
  void stopStub() {
    stub.close();
  }

  @Test
  void infobipSmsCarriesTheAttemptIdAndValidityInMinutesAndCountsParts() throws Exception {
    stub.answer(200, """
        {"bulkId":"b-1","messages":[{"to":"393401230000","messageId":"attempt-1",
         "status":{"groupId":1,"groupName":"PENDING","id":26,"name":"PENDING_ACCEPTED","description":"Message sent to next instance"}}]}""");
    ChannelCommand command = ChannelCommand.newBuilder(Commands.text(Channel.SMS, "a".repeat(200)))
        .setValiditySeconds(172_800)
        .build();

    ProviderResult result = provider(
            "key-1", URI.create("https://cascade.example/webhooks/infobip"))
        .send(command)
        .toCompletableFuture()
        .join();

    assertThat(result.outcome()).isEqualTo(AttemptResult.ACCEPTED);
    assertThat(result.encoding()).isEqualTo("GSM7");
    assertThat(result.parts()).isEqualTo(2);
    StubProvider.Request request = stub.requests().getFirst();
    assertThat(request.path()).isEqualTo("/sms/2/text/advanced");
    assertThat(request.header("Authorization")).isEqualTo("App key-1");
    JsonNode body = Json.mapper().readTree(request.body());
    assertThat(body.at("/messages/0/destinations/0/messageId").asText()).isEqualTo("attempt-1");
    assertThat(body.at("/messages/0/validityPeriod").asInt()).isEqualTo(2880);
    assertThat(body.at("/messages/0/notifyUrl").asText())
        .isEqualTo("https://cascade.example/webhooks/infobip");
  }

  @Test
  void infobipServiceExceptionsAreRejectionsWithTheirMessageId() {
    stub.answer(
        400,
        "{\"requestError\":{\"serviceException\":{\"messageId\":\"INVALID_DESTINATION\",\"text\":\"Invalid destination address\"}}}");

    ProviderResult result = provider("k", null)
        .send(Commands.text(Channel.SMS, "hi"))
        .toCompletableFuture()
        .join();

    assertThat(result.outcome()).isEqualTo(AttemptResult.REJECTED);
    assertThat(result.providerCode()).isEqualTo("INVALID_DESTINATION");
  }

  @Test
  void infobipErrorObjectsAreRejectionsWithTheirErrorCode() {
    // the error object of Infobip's newer APIs ("errorCode", "description")
    stub.answer(
        400,
        "{\"errorCode\":\"E400\",\"description\":\"Request cannot be processed.\",\"action\":\"Check the syntax, violations and adjust the request.\",\"violations\":[],\"resources\":[]}");

    ProviderResult result = provider("k", null)
        .send(Commands.text(Channel.VIBER, "hi"))
        .toCompletableFuture()
        .join();

    assertThat(result.outcome()).isEqualTo(AttemptResult.REJECTED);
    assertThat(result.providerCode()).isEqualTo("E400");
    assertThat(result.reason()).isEqualTo("Request cannot be processed.");
  }

  private InfobipProvider provider(String apiKey, URI notifyUrl) {
    InfobipConfig config = new InfobipConfig(URI.create(stub.url()), apiKey, notifyUrl, 50);
    return new InfobipProvider(http, config, new InfobipRcs(http, config, lookup -> {}));
  }
}
