package dev.cascade.workers.provider;

import java.time.Duration;
import java.util.Optional;

/** A failure worth retrying: 429, 5xx, a timeout or a refused connection. */
public final class TransientProviderException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient Duration retryAfter;

  public TransientProviderException(String message, Duration retryAfter, Throwable cause) {
    super(message, cause);
    this.retryAfter = retryAfter;
  }

  /** The provider's Retry-After, when it sent one. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
