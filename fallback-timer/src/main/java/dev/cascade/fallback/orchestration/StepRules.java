package dev.cascade.fallback.orchestration;

import dev.cascade.platform.channels.ChannelTraits;
import dev.cascade.schemas.Fallback;
import dev.cascade.schemas.FallbackTrigger;
import dev.cascade.schemas.Step;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** The fallback rules of one step, read from the request and its channel's traits. */
record StepRules(
    Step step,
    ChannelTraits channel,
    boolean last,
    Set<FallbackTrigger> on,
    Optional<Duration> after,
    boolean revoke,
    Duration validity) {

  private static final Set<FallbackTrigger> DEFAULT_TRIGGERS =
      EnumSet.of(FallbackTrigger.SEND_FAILED, FallbackTrigger.UNDELIVERED);

  static StepRules of(Step step, boolean last, ChannelTraits channel) {
    Fallback fallback = last ? null : step.getFallback();
    Set<FallbackTrigger> on =
        last ? Set.of() : fallback == null ? DEFAULT_TRIGGERS : Set.copyOf(fallback.getOn());
    Optional<Duration> after = Optional.ofNullable(
            fallback == null ? null : fallback.getAfterSeconds())
        .map(Duration::ofSeconds);
    boolean revoke = fallback != null && fallback.getRevoke() && channel.revocable();
    Duration validity = step.getValiditySeconds() == null
        ? channel.defaultValidity()
        : Duration.ofSeconds(step.getValiditySeconds());
    return new StepRules(step, channel, last, Set.copyOf(on), after, revoke, validity);
  }

  boolean fallsBackOn(FallbackTrigger trigger) {
    return !last && on.contains(trigger);
  }
}
