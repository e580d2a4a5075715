package dev.cascade.platform.providers;

import java.util.Objects;

/**
 * How a provider names a message it accepted: the key of {@code dlr.raw} and of the attempts
 * re-keyed to meet it ({@code provider:providerMessageId}). Built here only, so the writer
 * (dlr-ingest) and the reader (fallback-timer's correlation join) cannot drift apart.
 */
public record ProviderMessageKey(String provider, String providerMessageId) {

  private static final char SEPARATOR = ':';

  public ProviderMessageKey {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(providerMessageId, "providerMessageId");
    if (provider.indexOf(SEPARATOR) >= 0) {
      throw new IllegalArgumentException("a provider name has no '" + SEPARATOR + "': " + provider);
    }
  }

  /** The Kafka record key. */
  public String asKey() {
    return provider + SEPARATOR + providerMessageId;
  }

  /** The key read back; the id may itself contain the separator. */
  public static ProviderMessageKey parse(String key) {
    int at = key.indexOf(SEPARATOR);
    if (at < 0) {
      throw new IllegalArgumentException("not a provider:providerMessageId key: " + key);
    }
    return new ProviderMessageKey(key.substring(0, at), key.substring(at + 1));
  }

  @Override
  public String toString() {
    return asKey();
  }
}
