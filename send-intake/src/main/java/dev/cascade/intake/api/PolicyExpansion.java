package dev.cascade.intake.api;

import dev.cascade.intake.api.MessageRequestJson.ContentJson;
import dev.cascade.platform.http.Problem.FieldError;
import dev.cascade.schemas.Content;
import dev.cascade.schemas.Fallback;
import dev.cascade.schemas.FallbackPolicy;
import dev.cascade.schemas.PolicyRef;
import dev.cascade.schemas.PolicyStep;
import dev.cascade.schemas.Step;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A request naming a policy turned into the steps it stands for (SPEC section 10): each of the
 * policy's steps with the request's content for that step's channel. The request then records
 * the policy's name and version and goes through the same rules as any other.
 */
final class PolicyExpansion {

  /** The expanded steps and the policy they came from, or why the request cannot be expanded. */
  record Expanded(List<Step> steps, PolicyRef policy, List<FieldError> errors) {}

  private PolicyExpansion() {}

  /**
   * @param json a request whose shape {@link RequestShape} accepted, naming a policy
   * @param found the policy it names, if there is one
   */
  static Expanded expand(MessageRequestJson json, Optional<FallbackPolicy> found) {
    if (found.isEmpty()) {
      return refused(new FieldError(
          "policy", "no policy named " + json.policy() + " (PUT /v1/policies/{name} stores one)"));
    }
    FallbackPolicy policy = found.get();
    Map<String, ContentJson> content = json.content();
    Set<String> channels = new LinkedHashSet<>();
    policy.getSteps().forEach(step -> channels.add(step.getChannel().name()));
    String described = "policy " + policy.getName() + " (version " + policy.getVersion() + ")";
    List<FieldError> errors = new ArrayList<>();
    for (String channel : channels) {
      if (!content.containsKey(channel)) {
        errors.add(new FieldError(
            "content." + channel, "is required: " + described + " sends on " + channel));
      }
    }
    for (String channel : content.keySet()) {
      if (!channels.contains(channel)) {
        errors.add(new FieldError(
            "content." + channel,
            described + " has no " + channel + " step; its channels: "
                + String.join(", ", channels)));
      }
    }
    if (!errors.isEmpty()) {
      return new Expanded(null, null, List.copyOf(errors));
    }
    List<Step> steps = new ArrayList<>();
    for (PolicyStep step : policy.getSteps()) {
      steps.add(step(step, RequestMapper.content(content.get(step.getChannel().name()))));
    }
    return new Expanded(
        List.copyOf(steps),
        PolicyRef.newBuilder()
            .setName(policy.getName())
            .setVersion(policy.getVersion())
            .build(),
        List.of());
  }

  /**
   * A request step from a policy step and its content. The policy's records are shared by every
   * request that uses it, so the step gets copies of them.
   */
  static Step step(PolicyStep step, Content content) {
    return Step.newBuilder()
        .setChannel(step.getChannel())
        .setProvider(step.getProvider())
        .setProviders(step.getProviders() == null ? null : List.copyOf(step.getProviders()))
        .setSender(step.getSender())
        .setContent(content)
        .setFallback(
            step.getFallback() == null
                ? null
                : Fallback.newBuilder(step.getFallback()).build())
        .setValiditySeconds(step.getValiditySeconds())
        .build();
  }

  private static Expanded refused(FieldError error) {
    return new Expanded(null, null, List.of(error));
  }
}
