package dev.cascade.workers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cascade.platform.config.Settings;
import dev.cascade.schemas.AttemptResult;
import dev.cascade.schemas.Channel;
import dev.cascade.schemas.ChannelAttempt;
import dev.cascade.schemas.ChannelCommand;
import dev.cascade.schemas.CommandType;
import dev.cascade.workers.provider.Commands;
import dev.cascade.workers.provider.ProviderResult;
import dev.cascade.workers.provider.TransientProviderException;
import dev.cascade.workers.provider.UnsupportedContentException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A SEND listing several providers of its channel (SPEC section 10): the next one is called only
 * while the one before is unavailable; never after an answer.
 */
class ProviderFailoverTest {

  private static final Instant NOW = Instant.parse("2026-04-09T10:00:05Z");

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final ScriptedProvider infobip = new ScriptedProvider(
      "infobip",
      Set.of(Channel.SMS),
      command -> CompletableFuture.completedFuture(
          ProviderResult.accepted(List.of("ib-" + command.getAttemptId()))));
  private ProviderRegistry registry;

  @AfterEach
  void close() {
    registry.close();
  }

  @Test
  void anSmscDownThroughEveryRetryHandsTheSmsToTheNextProvider() {
    // given
    ScriptedProvider smpp = smpp(command -> CompletableFuture.failedFuture(
        new TransientProviderException("SMPP submit failed: Connection refused", null, null)));

    // when
    ChannelAttempt attempt = dispatcher(smpp).carryOut(overSmppThenInfobip()).join();

    // then
    assertThat(attempt.getOutcome()).isEqualTo(AttemptResult.ACCEPTED);
    assertThat(attempt.getProvider()).isEqualTo("infobip");
    assertThat(attempt.getProvidersTried()).containsExactly("smpp", "infobip");
    assertThat(attempt.getProviderMessageIds()).containsExactly("ib-attempt-1");
    assertThat(attempt.getAttemptId()).isEqualTo("attempt-1");
    assertThat(smpp.sent()).hasSize(2); // both tries the policy allows
    assertThat(infobip.sent())
        .singleElement()
        .satisfies(sent -> assertThat(sent.getAttemptId()).isEqualTo("attempt-1"));
    assertThat(failovers("smpp", "infobip")).isEqualTo(1);
    assertThat(attempts("infobip", AttemptResult.ACCEPTED)).isEqualTo(1);
  }

  @Test
  void anOpenCircuitMovesOnWithoutCallingTheProvider() {
    // given
    ScriptedProvider smpp = smpp(
        command -> CompletableFuture.completedFuture(ProviderResult.accepted(List.of("4f1a0001"))));
    Dispatcher dispatcher = dispatcher(smpp);
    registry.circuits().get("smpp").transitionToOpenState();

    // when
    ChannelAttempt attempt = dispatcher.carryOut(overSmppThenInfobip()).join();

    // then
    assertThat(smpp.sent()).isEmpty();
    assertThat(attempt.getProvider()).isEqualTo("infobip");
    assertThat(attempt.getProvidersTried()).containsExactly("smpp", "infobip");
  }

  @Test
  void aRejectionIsAnAnswerAndNeverMovesOn() {
    ScriptedProvider smpp = smpp(command -> CompletableFuture.completedFuture(
        ProviderResult.rejected("INVALID_DESTINATION", "invalid destination address")));

    ChannelAttempt attempt = dispatcher(smpp).carryOut(overSmppThenInfobip()).join();

    assertThat(attempt.getOutcome()).isEqualTo(AttemptResult.REJECTED);
    assertThat(attempt.getProviderCode()).isEqualTo("INVALID_DESTINATION");
    assertThat(attempt.getProvidersTried()).containsExactly("smpp");
    assertThat(infobip.sent()).isEmpty();
    assertThat(failovers("smpp", "infobip")).isZero();
  }

  @Test
  void anAcceptanceIsFinalForTheAttempt() {
    ScriptedProvider smpp = smpp(
        command -> CompletableFuture.completedFuture(ProviderResult.accepted(List.of("4f1a0001"))));

    ChannelAttempt attempt = dispatcher(smpp).carryOut(overSmppThenInfobip()).join();

    assertThat(attempt.getProvider()).isEqualTo("smpp");
    assertThat(attempt.getProvidersTried()).containsExactly("smpp");
    assertThat(infobip.sent()).isEmpty();
  }

  @Test
  void contentTheProviderCannotExpressIsTheCommandsFaultNotTheProviders() {
    ScriptedProvider smpp = smpp(command -> {
      throw new UnsupportedContentException("smpp cannot send [RICH_CARD] on SMS");
    });

    ChannelAttempt attempt = dispatcher(smpp).carryOut(overSmppThenInfobip()).join();

    assertThat(attempt.getProviderCode()).isEqualTo(Dispatcher.INVALID_COMMAND);
    assertThat(infobip.sent()).isEmpty();
  }

  @Test
  void everyProviderUnavailableEndsTheAttemptAsUnavailableListingThemAll() {
    ScriptedProvider smpp = smpp(command -> CompletableFuture.failedFuture(
        new TransientProviderException("SMSC answered SMPP_0x00000008", null, null)));
    Dispatcher dispatcher = dispatcher(smpp);
    registry.circuits().get("infobip").transitionToOpenState();

    ChannelAttempt attempt = dispatcher.carryOut(overSmppThenInfobip()).join();

    assertThat(attempt.getOutcome()).isEqualTo(AttemptResult.REJECTED);
    assertThat(attempt.getProviderCode()).isEqualTo(Dispatcher.PROVIDER_UNAVAILABLE);
    assertThat(attempt.getProvider()).isEqualTo("infobip");
    assertThat(attempt.getProvidersTried()).containsExactly("smpp", "infobip");
  }

  @Test
  void aListedProviderThisWorkerHasNoConfigurationForIsLeftOut() {
    ScriptedProvider smpp = smpp(
        command -> CompletableFuture.completedFuture(ProviderResult.accepted(List.of("4f1a0001"))));
    ChannelCommand command = ChannelCommand.newBuilder(Commands.text(Channel.SMS, "hi"))
        .setProvider("vonage")
        .setProviders(List.of("vonage", "infobip"))
        .build();

    ChannelAttempt attempt = dispatcher(smpp).carryOut(command).join();

    assertThat(attempt.getProvider()).isEqualTo("infobip");
    assertThat(attempt.getProvidersTried()).containsExactly("infobip");
  }

  @Test
  void aRevokeGoesOnlyToItsOneProvider() {
    ScriptedProvider smpp = smpp(command -> CompletableFuture.failedFuture(
        new TransientProviderException("SMPP submit failed", null, null)));
    ChannelCommand revoke = ChannelCommand.newBuilder(overSmppThenInfobip())
        .setType(CommandType.REVOKE)
        .build();

    ChannelAttempt attempt = dispatcher(smpp).carryOut(revoke).join();

    assertThat(attempt.getOutcome()).isEqualTo(AttemptResult.REVOKE_FAILED);
    assertThat(attempt.getProvidersTried()).containsExactly("smpp");
    assertThat(infobip.sent()).isEmpty();
  }

  private static ChannelCommand overSmppThenInfobip() {
    return ChannelCommand.newBuilder(Commands.text(Channel.SMS, "Your code is 123456"))
        .setProvider("smpp")
        .setProviders(List.of("smpp", "infobip"))
        .build();
  }

  private static ScriptedProvider smpp(
      java.util.function.Function<
              ChannelCommand, java.util.concurrent.CompletionStage<ProviderResult>>
          script) {
    return new ScriptedProvider("smpp", Set.of(Channel.SMS), script);
  }

  private Dispatcher dispatcher(ScriptedProvider smpp) {
    WorkersConfig config = WorkersConfig.from(Settings.of(Map.of(
        "workers.channels", "SMS",
        "workers.retry.max.attempts", "2",
        "workers.retry.base.delay", "1ms",
        "workers.retry.max.delay", "1ms")));
    registry = new ProviderRegistry(
        List.of(
            new ProviderPlugins.Built(smpp, 1000, false),
            new ProviderPlugins.Built(infobip, 1000, false)),
        config);
    return new Dispatcher(registry, new WorkerMetrics(meters), Clock.fixed(NOW, ZoneOffset.UTC));
  }

  private double failovers(String from, String to) {
    var counter = meters
        .find("cascade.provider.failover")
        .tag("channel", "SMS")
        .tag("from", from)
        .tag("to", to)
        .counter();
    return counter == null ? 0 : counter.count();
  }

  private double attempts(String provider, AttemptResult result) {
    var counter = meters
        .find("cascade.attempts")
        .tag("channel", "SMS")
        .tag("provider", provider)
        .tag("result", result.name())
        .counter();
    return counter == null ? 0 : counter.count();
  }
}
