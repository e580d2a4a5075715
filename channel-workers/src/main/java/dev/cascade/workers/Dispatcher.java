package dev.cascade.workers;

import dev.cascade.schemas.AttemptResult;
import dev.cascade.schemas.ChannelAttempt;
import dev.cascade.schemas.ChannelCommand;
import dev.cascade.schemas.CommandType;
import dev.cascade.workers.provider.ProviderResult;
import dev.cascade.workers.provider.TransientProviderException;
import dev.cascade.workers.provider.UnsupportedContentException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out one command: picks its provider (the next of the command's providers while one is
 * unavailable), calls it, and turns the answer into the attempt to record. What cannot be sent still becomes an attempt, so that the message moves on:
 * an unknown provider, content the provider cannot express, a provider unavailable through
 * every retry. Any other failure is a bug and fails the returned future.
 */
final class Dispatcher {

  private static final Logger LOGGER = LoggerFactory.getLogger(Dispatcher.class);

  static final String INVALID_COMMAND = "INVALID_COMMAND";
  static final String PROVIDER_UNAVAILABLE = "PROVIDER_UNAVAILABLE";

  private final ProviderRegistry providers;
  private final WorkerMetrics metrics;
  private final Clock clock;

  Dispatcher(ProviderRegistry providers, WorkerMetrics metrics, Clock clock) {
    this.providers = providers;
    this.metrics = metrics;
    this.clock = clock;
  }

  /**
   * Starts the command's provider call (waiting for a free slot at that provider). A SEND that
   * lists several providers goes to the next one while a provider is unavailable ({@link
   * Failover}); the attempt lists every provider called and names the one that answered.
   */
  CompletableFuture<ChannelAttempt> carryOut(ChannelCommand command) {
    return switch (providers.select(command)) {
      case ProviderRegistry.Refused refused ->
        CompletableFuture.completedFuture(record(
            command,
            refused.provider(),
            WorkerMetrics.UNKNOWN_PROVIDER,
            List.of(),
            failed(command, refused.code(), refused.reason())));
      case ProviderRegistry.Found found -> {
        List<GuardedProvider> chain = command.getType() == CommandType.SEND
            ? found.providers()
            : found.providers().subList(0, 1);
        yield callFrom(command, chain, 0, chain.getFirst().call(command));
      }
    };
  }

  /** Waits for the call to {@code chain[index]}, then answers or moves on to the next provider. */
  private CompletableFuture<ChannelAttempt> callFrom(
      ChannelCommand command,
      List<GuardedProvider> chain,
      int index,
      CompletableFuture<ProviderResult> call) {
    List<String> names = chain.stream().map(p -> p.provider().name()).toList();
    String name = names.get(index);
    return call.handle((result, error) -> switch (Failover.after(names, index, error)) {
          case Failover.Answer answer -> {
            List<String> tried = names.subList(0, index + 1);
            yield CompletableFuture.completedFuture(record(
                command, name, name, tried, error == null ? result : unsent(command, name, error)));
          }
          case Failover.MoveOn move -> {
            String next = names.get(move.next());
            metrics.failover(command.getChannel(), name, next);
            LOGGER
                .atDebug()
                .addKeyValue("messageId", command.getMessageId())
                .addKeyValue("channel", command.getChannel())
                .addKeyValue("provider", name)
                .addKeyValue("next", next)
                .addKeyValue("reason", GuardedProvider.unwrap(error).getMessage())
                .log("provider unavailable; failing over");
            GuardedProvider provider = chain.get(move.next());
            yield CompletableFuture.supplyAsync(
                    () -> provider.call(command), providers.failoverCalls())
                .thenCompose(nextCall -> callFrom(command, chain, move.next(), nextCall));
          }
        })
        .thenCompose(attempt -> attempt);
  }

  /** The attempt of a call that did not go through; a failure we did not foresee is rethrown. */
  private static ProviderResult unsent(ChannelCommand command, String provider, Throwable error) {
    Throwable cause = GuardedProvider.unwrap(error);
    if (cause instanceof UnsupportedContentException) {
      LOGGER
          .atWarn()
          .addKeyValue("messageId", command.getMessageId())
          .addKeyValue("provider", provider)
          .addKeyValue("reason", cause.getMessage())
          .log("command could not be expressed by its provider");
      return failed(command, INVALID_COMMAND, cause.getMessage());
    }
    if (cause instanceof TransientProviderException
        || cause instanceof CallNotPermittedException
        || cause instanceof RequestNotPermitted) {
      // the provider stayed unavailable through every retry, or its circuit is open: nothing went
      // out
      return failed(command, PROVIDER_UNAVAILABLE, cause.getMessage());
    }
    throw error instanceof CompletionException completion
        ? completion
        : new CompletionException(cause);
  }

  private static ProviderResult failed(ChannelCommand command, String code, String reason) {
    return command.getType() == CommandType.SEND
        ? ProviderResult.rejected(code, reason)
        : ProviderResult.revokeFailed(code, reason);
  }

  private ChannelAttempt record(
      ChannelCommand command,
      String provider,
      String providerLabel,
      List<String> tried,
      ProviderResult result) {
    metrics.attempt(command.getChannel(), providerLabel, result.outcome());
    LOGGER
        .atDebug()
        .addKeyValue("messageId", command.getMessageId())
        .addKeyValue("channel", command.getChannel())
        .addKeyValue("provider", provider)
        .addKeyValue("result", result.outcome())
        .log("attempt");
    return ChannelAttempt.newBuilder()
        .setAttemptId(command.getAttemptId())
        .setMessageId(command.getMessageId())
        .setStep(command.getStep())
        .setChannel(command.getChannel())
        .setProvider(provider)
        .setProvidersTried(tried)
        .setCommandType(command.getType())
        .setOutcome(result.outcome())
        .setProviderMessageIds(
            result.outcome() == AttemptResult.ACCEPTED ? result.providerMessageIds() : List.of())
        .setProviderCode(result.providerCode())
        .setReason(result.reason())
        .setEncoding(result.encoding())
        .setParts(result.parts())
        .setAttemptedAt(clock.instant())
        .build();
  }
}
