package dev.cascade.workers;

import dev.cascade.platform.channels.ChannelCatalogue;
import dev.cascade.platform.channels.ChannelProviders;
import dev.cascade.platform.channels.ChannelTraits;
import dev.cascade.platform.config.ConfigException;
import dev.cascade.platform.config.Settings;
import dev.cascade.schemas.Channel;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * channel-workers' own configuration. Each provider reads its own keys
 * ({@code provider.<name>.*}) through its plugin.
 *
 * @param channels the channels this instance works ({@code workers.channels})
 * @param defaultProviders per channel, the provider of commands that name none
 *     (the first of {@code channel.<slug>.providers}, else {@code channel.<slug>.provider}, else the
 *     catalogue's default)
 * @param dedupLookback how far back a worker reads channel.attempts when it is assigned a
 *     partition, to recognise commands it carried out before a restart ({@code workers.dedup.lookback})
 * @param maxInFlight provider calls in flight at once, per provider ({@code workers.max.in.flight})
 * @param requestTimeout how long one HTTP call to a provider may take ({@code workers.request.timeout})
 * @param calls how calls to a provider are retried and when its circuit opens
 */
record WorkersConfig(
    int httpPort,
    Set<Channel> channels,
    Map<Channel, String> defaultProviders,
    Duration dedupLookback,
    int maxInFlight,
    Duration requestTimeout,
    CallPolicy calls) {

  /**
   * Retries ({@code workers.retry.*}: every call at most {@code maxAttempts} times, exponential
   * backoff with jitter from {@code baseDelay}, the provider's Retry-After when it gave one, never
   * longer than {@code maxDelay}) and the circuit breaker ({@code workers.circuit.*}: open for
   * {@code openDuration} once {@code failureRatePercent} of the last {@code window} calls, or
   * {@code consecutiveFailures} calls in a row, failed through every retry; then one probe call
   * decides whether it closes). While a provider's circuit is open, a command that lists further
   * providers goes to the next one (SPEC section 10).
   */
  record CallPolicy(
      int maxAttempts,
      Duration baseDelay,
      Duration maxDelay,
      float failureRatePercent,
      int window,
      Duration openDuration,
      int consecutiveFailures) {

    CallPolicy {
      if (maxAttempts < 1) {
        throw new ConfigException(
            "workers.retry.max.attempts", String.valueOf(maxAttempts), "at least 1");
      }
      if (baseDelay.isNegative() || baseDelay.isZero()) {
        throw new ConfigException(
            "workers.retry.base.delay", baseDelay.toString(), "a positive duration");
      }
      if (maxDelay.compareTo(baseDelay) < 0) {
        throw new ConfigException(
            "workers.retry.max.delay", maxDelay.toString(), "at least workers.retry.base.delay");
      }
      if (!(failureRatePercent > 0 && failureRatePercent <= 100)) {
        throw new ConfigException(
            "workers.circuit.failure.rate",
            String.valueOf(failureRatePercent),
            "a percentage above 0, at most 100");
      }
      if (window < 1) {
        throw new ConfigException("workers.circuit.window", String.valueOf(window), "at least 1");
      }
      if (openDuration.isNegative() || openDuration.isZero()) {
        throw new ConfigException(
            "workers.circuit.open.duration", openDuration.toString(), "a positive duration");
      }
      if (consecutiveFailures < 1) {
        throw new ConfigException(
            "workers.circuit.consecutive.failures",
            String.valueOf(consecutiveFailures),
            "at least 1");
      }
    }
  }

  WorkersConfig {
    channels = Set.copyOf(channels);
    defaultProviders = Map.copyOf(defaultProviders);
    if (maxInFlight < 1) {
      throw new ConfigException("workers.max.in.flight", String.valueOf(maxInFlight), "at least 1");
    }
    if (requestTimeout.isNegative() || requestTimeout.isZero()) {
      throw new ConfigException(
          "workers.request.timeout", requestTimeout.toString(), "a positive duration");
    }
  }

  /** The key that names a channel's default provider. */
  static String defaultProviderKey(Channel channel) {
    return "channel." + ChannelCatalogue.of(channel).slug() + ".provider";
  }

  static WorkersConfig from(Settings settings) {
    Set<Channel> channels = EnumSet.noneOf(Channel.class);
    for (String name :
        settings.string("workers.channels", everyCatalogueChannel()).split(",")) {
      try {
        channels.add(Channel.valueOf(name.strip().toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new ConfigException(
            "workers.channels", name, "a list of " + Arrays.toString(Channel.values()));
      }
    }
    // the same reading of channel.<slug>.providers / .provider as intake and fallback-timer
    ChannelProviders providers = ChannelProviders.from(settings);
    Map<Channel, String> defaults = new EnumMap<>(Channel.class);
    for (ChannelTraits traits : ChannelCatalogue.all()) {
      defaults.put(traits.channel(), providers.defaultFor(traits.channel()));
    }
    return new WorkersConfig(
        settings.integer("workers.http.port", 8083),
        channels,
        defaults,
        settings.duration("workers.dedup.lookback", Duration.ofMinutes(15)),
        settings.integer("workers.max.in.flight", 64),
        settings.duration("workers.request.timeout", Duration.ofSeconds(10)),
        new CallPolicy(
            settings.integer("workers.retry.max.attempts", 4),
            settings.duration("workers.retry.base.delay", Duration.ofMillis(200)),
            settings.duration("workers.retry.max.delay", Duration.ofSeconds(10)),
            settings.integer("workers.circuit.failure.rate", 50),
            settings.integer("workers.circuit.window", 20),
            settings.duration("workers.circuit.open.duration", Duration.ofSeconds(30)),
            settings.integer("workers.circuit.consecutive.failures", 5)));
  }

  /** By default a worker serves every channel of the catalogue. */
  private static String everyCatalogueChannel() {
    return String.join(
        ",", ChannelCatalogue.all().stream().map(t -> t.channel().name()).toList());
  }
}
