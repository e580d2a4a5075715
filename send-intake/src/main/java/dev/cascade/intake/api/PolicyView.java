package dev.cascade.intake.api;

import dev.cascade.schemas.Fallback;
import dev.cascade.schemas.FallbackPolicy;
import dev.cascade.schemas.PolicyStep;
import java.time.Instant;
import java.util.List;

/** A stored policy as {@code GET /v1/policies/{name}} shows it (absent fields are left out). */
public record PolicyView(String name, int version, List<StepView> steps, Instant updatedAt) {

  public record StepView(
      String channel,
      String provider,
      List<String> providers,
      String sender,
      FallbackView fallback,
      Integer validitySeconds) {}

  public record FallbackView(List<String> on, Integer afterSeconds, boolean revoke) {}

  public static PolicyView of(FallbackPolicy policy) {
    return new PolicyView(
        policy.getName(),
        policy.getVersion(),
        policy.getSteps().stream().map(PolicyView::step).toList(),
        policy.getUpdatedAt());
  }

  private static StepView step(PolicyStep step) {
    Fallback fallback = step.getFallback();
    return new StepView(
        step.getChannel().name(),
        step.getProvider(),
        step.getProviders(),
        step.getSender(),
        fallback == null
            ? null
            : new FallbackView(
                fallback.getOn().stream().map(Enum::name).toList(),
                fallback.getAfterSeconds(),
                fallback.getRevoke()),
        step.getValiditySeconds());
  }
}
