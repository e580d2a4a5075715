package dev.cascade.workers.provider;

import dev.cascade.schemas.Channel;
import dev.cascade.schemas.ChannelCommand;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One provider's API for one or more channels: what channel-workers call to send and revoke.
 *
 * <p>Calls are asynchronous so that a worker keeps many of them in flight. A call that failed in
 * a way worth retrying completes exceptionally with {@link TransientProviderException}; content
 * the provider cannot express is an {@link UnsupportedContentException}, thrown or completed
 * exceptionally. Anything else is a bug and stops the worker.
 */
public interface ChannelProvider extends AutoCloseable {

  /** The provider name on attempts and in {@code dlr.raw} keys (meta, rbm, infobip, smpp). */
  String name();

  /** The channels this provider can carry. */
  Set<Channel> channels();

  /** Sends the command's message; the caller retries transient failures. */
  CompletionStage<ProviderResult> send(ChannelCommand command);

  /** Revokes an undelivered message; providers that cannot revoke answer REVOKE_FAILED. */
  default CompletionStage<ProviderResult> revoke(ChannelCommand command) {
    return CompletableFuture.completedFuture(
        ProviderResult.revokeFailed("REVOKE_UNSUPPORTED", name() + " cannot revoke messages"));
  }

  /** Releases connections and threads; the provider is not called afterwards. */
  @Override
  default void close() {}
}
