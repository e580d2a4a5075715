package dev.cascade.workers.infobip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cascade.platform.json.Json;
import dev.cascade.schemas.AttemptResult;
import dev.cascade.schemas.Channel;
import dev.cascade.schemas.ChannelCommand;
import dev.cascade.schemas.Content;
import dev.cascade.schemas.RichCard;
import dev.cascade.schemas.SmsConversion;
import dev.cascade.schemas.Suggestion;
import dev.cascade.schemas.Template;
import dev.cascade.workers.provider.Commands;
import dev.cascade.workers.provider.JsonHttp;
import dev.cascade.workers.provider.ProviderContext.CacheLookup;
import dev.cascade.workers.provider.ProviderResult;
import dev.cascade.workers.provider.StubProvider;
import dev.cascade.workers.provider.TransientProviderException;
import dev.cascade.workers.provider.UnsupportedContentException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** RCS over Infobip's RCS API against a stub answering its documented shapes. */
class InfobipRcsTest {

  private static final URI NOTIFY = URI.create("https://cascade.example/webhooks/infobip");

  private final StubProvider stub = new StubProvider();
  private final JsonHttp http =
      new JsonHttp(Duration.ofSeconds(1), Duration.ofSeconds(2), (p, d) -> {});
  private final List<CacheLookup> lookups = new CopyOnWriteArrayList<>();

  @AfterEach
  void stopStub() {
    stub.close();
  }

  @Test
  void anRcsTemplateGoesOutAsAProviderTemplateAfterTheCapabilityCheck() throws Exception {
    // given
    stub.answer(200, fixture("infobip/rcs-capability-enabled.json"))
        .answer(200, fixture("infobip/rcs-send-response-pending.json"));
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("nome", "Giulia");
    parameters.put("importo", "1.250,00");
    ChannelCommand command = ChannelCommand.newBuilder(rcs(Content.newBuilder()
            .setTemplate(Template.newBuilder()
                .setName("txn_alert_rcs")
                .setLanguage("it")
                .setParameters(parameters)
                .build())
            .build()))
        .setValiditySeconds(300)
        .build();

    // when
    ProviderResult result = send(provider(true, NOTIFY), command);

    // then
    assertThat(result.outcome()).isEqualTo(AttemptResult.ACCEPTED);
    assertThat(result.providerMessageIds()).containsExactly("attempt-1");
    List<StubProvider.Request> requests = stub.requests();
    assertThat(requests)
        .extracting(StubProvider.Request::path)
        .containsExactly("/rcs/2/capability-check/query", "/rcs/2/messages");
    JsonNode check = Json.mapper().readTree(requests.get(0).body());
    assertThat(check.get("sender").asText()).isEqualTo("banca-agent");
    assertThat(check.get("phoneNumbers"))
        .singleElement()
        .satisfies(number -> assertThat(number.asText()).isEqualTo("393401230000"));
    assertThat(requests.get(1).header("Authorization")).isEqualTo("App key-1");
    assertThat(Json.mapper().readTree(requests.get(1).body()))
        .isEqualTo(documented("infobip/rcs-template-request.json"));
  }

  @Test
  void aRichCardGoesOutAsAVerticalCardWithReplySuggestions() throws Exception {
    stub.answer(200, fixture("infobip/rcs-capability-enabled.json"))
        .answer(200, fixture("infobip/rcs-send-response-pending.json"));
    RichCard card = RichCard.newBuilder()
        .setTitle("Suspicious transaction")
        .setDescription("EUR 1.250,00 on 09/04")
        .setMedia("https://example.com/card.png")
        .setSuggestions(List.of(new Suggestion("Block", "block")))
        .build();

    send(provider(true, null), rcs(Content.newBuilder().setRichCard(card).build()));

    assertThat(Json.mapper().readTree(stub.requests().get(1).body()))
        .isEqualTo(documented("infobip/rcs-card-request.json"));
  }

  @Test
  void textFileAndCarouselUseTheirOwnContentTypes() {
    JsonNode text = tree(InfobipRcs.content(Content.newBuilder().setText("Hi").build()));
    assertThat(text.get("type").asText()).isEqualTo("TEXT");
    assertThat(text.get("text").asText()).isEqualTo("Hi");

    JsonNode file = tree(InfobipRcs.content(
        Content.newBuilder().setMedia("https://example.com/statement.pdf").build()));
    assertThat(file.get("type").asText()).isEqualTo("FILE");
    assertThat(file.at("/file/url").asText()).isEqualTo("https://example.com/statement.pdf");

    RichCard first = RichCard.newBuilder()
        .setTitle("Rome")
        .setSuggestions(List.of(new Suggestion("Book", null)))
        .build();
    RichCard second = RichCard.newBuilder().setTitle("Milan").build();
    JsonNode carousel = tree(InfobipRcs.content(
        Content.newBuilder().setCarousel(List.of(first, second)).build()));
    assertThat(carousel.get("type").asText()).isEqualTo("CAROUSEL");
    assertThat(carousel.get("cardWidth").asText()).isEqualTo("MEDIUM");
    assertThat(carousel.get("contents")).hasSize(2);
    assertThat(carousel.at("/contents/1/title").asText()).isEqualTo("Milan");
    // Infobip requires postbackData on a reply: the text stands in for a missing one
    assertThat(carousel.at("/contents/0/suggestions/0/postbackData").asText()).isEqualTo("Book");
  }

  @Test
  void anUnreachableNumberIsNotCapableNothingIsSentAndTheAnswerIsCached() {
    stub.answer(200, fixture("infobip/rcs-capability-unreachable.json"));
    InfobipProvider provider = provider(true, null);

    ProviderResult first = send(provider, rcs(Content.newBuilder().setText("Hi").build()));
    ProviderResult second =
        send(provider, rcs(Content.newBuilder().setText("Again").build()));

    assertThat(first.outcome()).isEqualTo(AttemptResult.NOT_CAPABLE);
    assertThat(first.providerCode()).isEqualTo("UNREACHABLE");
    assertThat(second.outcome()).isEqualTo(AttemptResult.NOT_CAPABLE);
    assertThat(stub.requests())
        .extracting(StubProvider.Request::path)
        .containsExactly("/rcs/2/capability-check/query");
    assertThat(lookups).containsExactly(CacheLookup.MISS, CacheLookup.HIT);
  }

  @Test
  void aMessageRejectedInTheSendAnswerCarriesItsStatusName() {
    stub.answer(200, fixture("infobip/rcs-capability-enabled.json"))
        .answer(200, fixture("infobip/rcs-send-response-rejected.json"));

    ProviderResult result =
        send(provider(true, null), rcs(Content.newBuilder().setText("Hi").build()));

    assertThat(result.outcome()).isEqualTo(AttemptResult.REJECTED);
    assertThat(result.providerCode()).isEqualTo("REJECTED_ROUTE_NOT_AVAILABLE");
  }

  @Test
  void aCapabilityCheckThatFailedOnInfobipsSideIsRetriedAndNotCached() {
    stub.answer(
        200,
        fixture("infobip/rcs-capability-enabled.json")
            .replace("\"ENABLED\"", "\"REQUEST_FAILED\""));
    InfobipProvider provider = provider(true, null);

    assertThatThrownBy(
            () -> send(provider, rcs(Content.newBuilder().setText("Hi").build())))
        .isInstanceOf(CompletionException.class)
        .hasCauseInstanceOf(TransientProviderException.class);
    assertThatThrownBy(
            () -> send(provider, rcs(Content.newBuilder().setText("Hi").build())))
        .hasCauseInstanceOf(TransientProviderException.class);
    assertThat(lookups).containsExactly(CacheLookup.MISS, CacheLookup.MISS);
  }

  @Test
  void withTheCapabilityCheckOffTheMessageGoesStraightOut() {
    stub.answer(200, fixture("infobip/rcs-send-response-pending.json"));

    ProviderResult result =
        send(provider(false, null), rcs(Content.newBuilder().setText("Hi").build()));

    assertThat(result.outcome()).isEqualTo(AttemptResult.ACCEPTED);
    assertThat(stub.requests())
        .extracting(StubProvider.Request::path)
        .containsExactly("/rcs/2/messages");
    assertThat(lookups).isEmpty();
  }

  @Test
  void smsConversionIsNoRcsContent() {
    assertThatThrownBy(() -> provider(true, null)
            .send(rcs(Content.newBuilder().setSmsConversion(SmsConversion.AUTO).build())))
        .isInstanceOf(UnsupportedContentException.class);
    assertThat(stub.requests()).isEmpty();
  }

  private static ChannelCommand rcs(Content content) {
    return ChannelCommand.newBuilder(Commands.send(Channel.RCS, content))
        .setSender("banca-agent")
        .build();
  }

  private InfobipProvider provider(boolean capabilityCheck, URI notifyUrl) {
    InfobipConfig config = new InfobipConfig(
        URI.create(stub.url()),
        "key-1",
        notifyUrl,
        50,
        capabilityCheck,
        InfobipConfig.DEFAULT_CAPABILITY_TTL,
        1000);
    return new InfobipProvider(http, config, new InfobipRcs(http, config, lookups::add));
  }

  private static ProviderResult send(InfobipProvider provider, ChannelCommand command) {
    return provider.send(command).toCompletableFuture().join();
  }

  private static JsonNode tree(Object value) {
    return Json.mapper().valueToTree(value);
  }

  /** A request fixture without its note on where its fields come from. */
  private static JsonNode documented(String path) throws IOException {
    ObjectNode tree = (ObjectNode) Json.mapper().readTree(fixture(path));
    tree.remove("_source");
    return tree;
  }

  static String fixture(String path) {
    try (InputStream in = InfobipRcsTest.class.getResourceAsStream("/" + path)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
