package dev.cascade.workers.rbm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.cascade.platform.config.Settings;
import dev.cascade.platform.json.Json;
import dev.cascade.schemas.AttemptResult;
import dev.cascade.schemas.Channel;
import dev.cascade.schemas.ChannelCommand;
import dev.cascade.schemas.CommandType;
import dev.cascade.schemas.Content;
import dev.cascade.schemas.RichCard;
import dev.cascade.schemas.Suggestion;
import dev.cascade.workers.provider.ChannelProvider;
import dev.cascade.workers.provider.Commands;
import dev.cascade.workers.provider.JsonHttp;
import dev.cascade.workers.provider.ProviderContext;
import dev.cascade.workers.provider.ProviderContext.CacheLookup;
import dev.cascade.workers.provider.ProviderSettings;
import dev.cascade.workers.provider.StubProvider;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Google RBM adapter against a stub speaking its documented shapes, with the capability cache. */
class RbmProviderTest {

  private static final String CAPABLE = "{\"features\":[\"RICHCARD_STANDALONE\"]}";
  private static final String NOT_FOUND =
      "{\"error\":{\"code\":404,\"message\":\"Requested entity was not found.\",\"status\":\"NOT_FOUND\"}}";

  private final StubProvider stub = new StubProvider();
  private final JsonHttp http =
      new JsonHttp(Duration.ofSeconds(1), Duration.ofSeconds(2), (p, d) -> {});
  private final List<CacheLookup> cacheLookups = new CopyOnWriteArrayList<>();
  private final AtomicLong nanos = new AtomicLong();
  private final Ticker ticker = nanos::get;

  @AfterEach
  void stopStub() {
    stub.close();
  }

  @Test
  void rbmChecksCapabilityOnceThenSendsAStandaloneCardUnderTheAttemptId() throws Exception {
    stub.answer(200, CAPABLE)
        .answer(200, "{\"name\":\"phones/+393401230000/agentMessages/attempt-1\"}");
    RbmProvider rbm = provider(stub.url());
    RichCard card = RichCard.newBuilder()
        .setTitle("Suspicious transaction")
        .setDescription("EUR 1.250,00")
        .setSuggestions(List.of(
            Suggestion.newBuilder().setText("Block").setPostbackData("block").build()))
        .build();
    ChannelCommand command =
        Commands.send(Channel.RCS, Content.newBuilder().setRichCard(card).build());

    assertThat(rbm.send(command).toCompletableFuture().join().providerMessageIds())
        .containsExactly("attempt-1");
    rbm.send(command).toCompletableFuture().join();

    List<StubProvider.Request> requests = stub.requests();
    assertThat(requests.get(0).path())
        .startsWith("/v1/phones/%2B393401230000/capabilities?requestId=");
    assertThat(requests.get(1).path())
        .isEqualTo(
            "/v1/phones/%2B393401230000/agentMessages?messageId=attempt-1&agentId=106540352242922");
    assertThat(requests).hasSize(3); // the second send found the capability in the cache
    assertThat(cacheLookups).containsExactly(CacheLookup.MISS, CacheLookup.HIT);
    JsonNode body = Json.mapper().readTree(requests.get(1).body());
    assertThat(
            body.at("/contentMessage/richCard/standaloneCard/cardContent/title").asText())
        .isEqualTo("Suspicious transaction");
    assertThat(body.at(
                "/contentMessage/richCard/standaloneCard/cardContent/suggestions/0/reply/postbackData")
            .asText())
        .isEqualTo("block");
  }

  @Test
  void rbmNotCapableSendsNothingAndARevokeOfADeliveredMessageSaysSo() {
    stub.answer(404, NOT_FOUND);
    RbmProvider rbm = provider(stub.url());

    assertThat(rbm.send(Commands.text(Channel.RCS, "hi"))
            .toCompletableFuture()
            .join()
            .outcome())
        .isEqualTo(AttemptResult.NOT_CAPABLE);
    ChannelCommand revoke = ChannelCommand.newBuilder(Commands.send(Channel.RCS, null))
        .setType(CommandType.REVOKE)
        .setProviderMessageIds(List.of("attempt-1"))
        .build();
    assertThat(rbm.revoke(revoke).toCompletableFuture().join().outcome())
        .isEqualTo(AttemptResult.ALREADY_DELIVERED);
    assertThat(stub.requests())
        .extracting(StubProvider.Request::method)
        .containsExactly("GET", "DELETE");
  }

  @Test
  void aCapabilityAnswerIsAskedAgainOnceItsTtlPassed() {
    stub.answer(404, NOT_FOUND);
    RbmProvider rbm = provider(stub.url());
    ChannelCommand command = Commands.text(Channel.RCS, "hi");

    rbm.send(command).toCompletableFuture().join();
    nanos.addAndGet(Duration.ofHours(4).minusSeconds(1).toNanos());
    rbm.send(command).toCompletableFuture().join();
    nanos.addAndGet(Duration.ofSeconds(2).toNanos());
    rbm.send(command).toCompletableFuture().join();

    assertThat(cacheLookups).containsExactly(CacheLookup.MISS, CacheLookup.HIT, CacheLookup.MISS);
    assertThat(stub.requests()).hasSize(2);
  }

  @Test
  void aSimulatedNotCapableAnswerNeverStopsARealSend() {
    // given: the simulator says the number cannot receive RCS; the real RBM says it can
    stub.answer(404, NOT_FOUND);
    try (StubProvider real = new StubProvider()) {
      real.answer(200, CAPABLE).answer(200, "{}");
      ProviderSettings settings = new ProviderSettings(
          Settings.of(Map.of("sim.base.url", stub.url(), "provider.rbm.base.url", real.url())),
          "rbm");
      RbmFactory factory = new RbmFactory();
      ProviderContext context = new ProviderContext(http, cacheLookups::add);
      ChannelProvider simulated = factory.create(factory.simulatorConfig(settings), context);
      ChannelProvider production =
          factory.create(factory.configure(settings).orElseThrow(), context);
      ChannelCommand command = Commands.text(Channel.RCS, "hi");

      // when
      AttemptResult simulatedOutcome =
          simulated.send(command).toCompletableFuture().join().outcome();
      AttemptResult realOutcome =
          production.send(command).toCompletableFuture().join().outcome();

      // then
      assertThat(simulatedOutcome).isEqualTo(AttemptResult.NOT_CAPABLE);
      assertThat(realOutcome).isEqualTo(AttemptResult.ACCEPTED);
      assertThat(cacheLookups).containsExactly(CacheLookup.MISS, CacheLookup.MISS);
    }
  }

  private RbmProvider provider(String url) {
    return new RbmProvider(
        http,
        URI.create(url),
        RbmAccessToken.fixed("t"),
        RbmProvider.capabilityCache(Duration.ofHours(4), 100, cacheLookups::add, ticker));
  }
}
