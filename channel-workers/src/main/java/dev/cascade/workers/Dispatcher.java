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
 * Carries out one command: picks its provider, calls it, and turns the answer into the attempt
 * to record. What cannot be sent still becomes an attempt, so that the message moves on:
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

  /** Starts the command's provider call (waiting for a free slot at that provider). */
  CompletableFuture<ChannelAttempt> carryOut(ChannelCommand command) {
    return switch (providers.select(command)) {
      case ProviderRegistry.Refused refused ->
        CompletableFuture.completedFuture(record(
            command,
            refused.provider(),
            WorkerMetrics.UNKNOWN_PROVIDER,
            failed(command, refused.code(), refused.reason())));
      case ProviderRegistry.Found found -> {
        String name = found.provider().provider().name();
        yield found
            .provider()
            .call(command)
            .handle((result, error) ->
                record(command, name, name, error == null ? result : unsent(command, name, error)));
      }
    };
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
      ChannelCommand command, String provider, String providerLabel, ProviderResult result) {
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
