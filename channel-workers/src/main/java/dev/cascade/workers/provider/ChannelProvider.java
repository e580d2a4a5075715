package dev.cascade.workers.provider;

import dev.cascade.schemas.ChannelCommand;

/** One provider's API for one or more channels: what channel-workers call to send and revoke. */
public interface ChannelProvider {

  /** The provider name on attempts and in {@code dlr.raw} keys (meta, rbm, infobip). */
  String name();

  /** Sends the command's message; transient failures are retried by the caller. */
  ProviderResult send(ChannelCommand command) throws TransientProviderException;

  /** Revokes an undelivered message; providers that cannot revoke answer REVOKE_FAILED. */
  default ProviderResult revoke(ChannelCommand command) throws TransientProviderException {
    return ProviderResult.revokeFailed("REVOKE_UNSUPPORTED", name() + " cannot revoke messages");
  }
}
