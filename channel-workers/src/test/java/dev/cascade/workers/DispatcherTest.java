package dev.cascade.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** From a command to the attempt to record, whatever the provider did. */
class DispatcherTest {

  private static final Instant NOW = Instant.parse("2026-04-09T10:00:05Z");

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final ScriptedProvider sms = new ScriptedProvider(
      "infobip",
      Set.of(Channel.SMS, Channel.VIBER),
      command -> CompletableFuture.completedFuture(
          ProviderResult.accepted(List.of(command.getAttemptId()))));
  private final ScriptedProvider simulatedSms = new ScriptedProvider(
      "infobip",
      Set.of(Channel.SMS, Channel.VIBER),
      command -> CompletableFuture.completedFuture(
          ProviderResult.accepted(List.of("sim-" + command.getAttemptId()))));
  private final ScriptedProvider whatsapp = new ScriptedProvider(
      "meta",
      Set.of(Channel.WHATSAPP),
      command -> CompletableFuture.completedFuture(ProviderResult.accepted(List.of("wamid.1"))));
  private ProviderRegistry registry;

  @AfterEach
  void close() {
    registry.close();
  }

  @Test
  void aCommandWithoutProviderGoesToTheChannelDefaultAndIsStampedWithTheClock() {
    ChannelAttempt attempt =
        dispatcher(sms).carryOut(Commands.text(Channel.SMS, "hi")).join();

    assertThat(attempt.getOutcome()).isEqualTo(AttemptResult.ACCEPTED);
    assertThat(attempt.getProvider()).isEqualTo("infobip");
    assertThat(attempt.getProviderMessageIds()).containsExactly("attempt-1");
    assertThat(attempt.getAttemptedAt()).isEqualTo(NOW);
    assertThat(attempts("SMS", "infobip", AttemptResult.ACCEPTED)).isEqualTo(1);
  }

  @Test
  void aSimulatedCommandGoesToTheSimulatorInstance() {
    ChannelCommand simulated = ChannelCommand.newBuilder(Commands.text(Channel.SMS, "hi"))
        .setSimulation(true)
        .build();

    ChannelAttempt attempt = dispatcher(sms).carryOut(simulated).join();

    assertThat(attempt.getProviderMessageIds()).containsExactly("sim-attempt-1");
    assertThat(sms.sent()).isEmpty();
  }

  @Test
  void aProviderNobodyConfiguredIsARejectionWithoutACallCountedUnderUnknown() {
    ChannelCommand command = ChannelCommand.newBuilder(Commands.text(Channel.SMS, "hi"))
        .setProvider("vonage")
        .build();

    ChannelAttempt attempt = dispatcher(sms).carryOut(command).join();

    assertThat(attempt.getOutcome()).isEqualTo(AttemptResult.REJECTED);
    assertThat(attempt.getProviderCode()).isEqualTo("UNKNOWN_PROVIDER");
    assertThat(attempt.getProvider()).isEqualTo("vonage");
    assertThat(sms.sent()).isEmpty();
    assertThat(attempts("SMS", "unknown", AttemptResult.REJECTED)).isEqualTo(1);
    assertThat(meters.find("cascade.attempts").tag("provider", "vonage").counter())
        .isNull();
  }

  @Test
  void aProviderThatDoesNotCarryTheChannelIsARejectionWithoutACall() {
    ChannelCommand command = ChannelCommand.newBuilder(Commands.text(Channel.SMS, "hi"))
        .setProvider("meta")
        .build();

    ChannelAttempt attempt = dispatcher(sms).carryOut(command).join();

    assertThat(attempt.getOutcome()).isEqualTo(AttemptResult.REJECTED);
    assertThat(attempt.getProviderCode()).isEqualTo("PROVIDER_CHANNEL_MISMATCH");
    assertThat(whatsapp.sent()).isEmpty();
    assertThat(attempts("SMS", "unknown", AttemptResult.REJECTED)).isEqualTo(1);
  }

  @Test
  void contentTheProviderCannotExpressIsAnInvalidCommand() {
    ScriptedProvider picky = new ScriptedProvider("infobip", Set.of(Channel.SMS), command -> {
      throw new UnsupportedContentException("infobip cannot send [RICH_CARD] on SMS");
    });

    ChannelAttempt attempt =
        dispatcher(picky).carryOut(Commands.text(Channel.SMS, "hi")).join();

    assertThat(attempt.getOutcome()).isEqualTo(AttemptResult.REJECTED);
    assertThat(attempt.getProviderCode()).isEqualTo("INVALID_COMMAND");
  }

  @Test
  void aProviderUnavailableThroughEveryRetryIsARejectionAndARevokeFailure() {
    ScriptedProvider down = new ScriptedProvider(
        "infobip",
        Set.of(Channel.SMS),
        command -> CompletableFuture.failedFuture(
            new TransientProviderException("infobip answered 503", null, null)));
    Dispatcher dispatcher = dispatcher(down);

    ChannelAttempt send = dispatcher.carryOut(Commands.text(Channel.SMS, "hi")).join();
    ChannelAttempt revoke = dispatcher
        .carryOut(ChannelCommand.newBuilder(Commands.text(Channel.SMS, "hi"))
            .setType(CommandType.REVOKE)
            .setAttemptId("attempt-2")
            .build())
        .join();

    assertThat(send.getOutcome()).isEqualTo(AttemptResult.REJECTED);
    assertThat(send.getProviderCode()).isEqualTo("PROVIDER_UNAVAILABLE");
    assertThat(down.sent()).hasSize(2); // the policy below allows two tries
    assertThat(revoke.getOutcome()).isEqualTo(AttemptResult.REVOKE_FAILED); // infobip cannot revoke
  }

  @Test
  void anyOtherFailureIsABugThatFailsTheAttempt() {
    ScriptedProvider buggy = new ScriptedProvider(
        "infobip",
        Set.of(Channel.SMS),
        command -> CompletableFuture.failedFuture(new IllegalStateException("bug")));

    CompletableFuture<ChannelAttempt> attempt =
        dispatcher(buggy).carryOut(Commands.text(Channel.SMS, "hi"));

    assertThatThrownBy(attempt::join)
        .isInstanceOf(CompletionException.class)
        .hasRootCauseMessage("bug");
  }

  private Dispatcher dispatcher(ScriptedProvider smsProvider) {
    WorkersConfig config = WorkersConfig.from(Settings.of(Map.of(
        "workers.channels",
        "SMS,WHATSAPP",
        "workers.retry.max.attempts",
        "2",
        "workers.retry.base.delay",
        "1ms",
        "workers.retry.max.delay",
        "1ms")));
    registry = new ProviderRegistry(
        List.of(
            new ProviderPlugins.Built(smsProvider, 1000, false),
            new ProviderPlugins.Built(simulatedSms, 1000, true),
            new ProviderPlugins.Built(whatsapp, 1000, false)),
        config);
    return new Dispatcher(registry, new WorkerMetrics(meters), Clock.fixed(NOW, ZoneOffset.UTC));
  }

  private double attempts(String channel, String provider, AttemptResult result) {
    var counter = meters
        .find("cascade.attempts")
        .tag("channel", channel)
        .tag("provider", provider)
        .tag("result", result.name())
        .counter();
    return counter == null ? 0 : counter.count();
  }
}
