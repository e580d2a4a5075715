package dev.cascade.fallback.orchestration;

import dev.cascade.schemas.Channel;
import dev.cascade.schemas.Fallback;
import dev.cascade.schemas.FallbackTrigger;
import dev.cascade.schemas.Step;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** The fallback rules of one step, read from the request. */
record StepRules(Step step, boolean last, Set<FallbackTrigger> on, Optional<Duration> after,
    boolean revoke, Duration validity) {

  static StepRules of(Step step, boolean last, Policy policy) {
    Fallback fallback = last ? null : step.getFallback();
    Set<FallbackTrigger> on = EnumSet.noneOf(FallbackTrigger.class);
    if (fallback == null) {
      if (!last) {
        on.addAll(EnumSet.of(FallbackTrigger.SEND_FAILED, FallbackTrigger.UNDELIVERED));
      }
    } else {
      on.addAll(fallback.getOn());
    }
    Optional<Duration> after = Optional.ofNullable(fallback == null ? null : fallback.getAfterSeconds())
        .map(Duration::ofSeconds);
    boolean revoke = fallback != null && fallback.getRevoke() && step.getChannel() == Channel.RCS;
    Duration validity = step.getValiditySeconds() == null
        ? policy.defaultValidity()
        : Duration.ofSeconds(step.getValiditySeconds());
    return new StepRules(step, last, Set.copyOf(on), after, revoke, validity);
  }

  boolean fallsBackOn(FallbackTrigger trigger) {
    return !last && on.contains(trigger);
  }
}
