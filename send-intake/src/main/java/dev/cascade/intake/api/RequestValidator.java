package dev.cascade.intake.api;

import dev.cascade.intake.api.MessageRequestJson.StepJson;
import dev.cascade.platform.http.Problem.FieldError;
import dev.cascade.platform.requests.SendRequestRules;
import dev.cascade.platform.requests.Violation;
import dev.cascade.schemas.FallbackPolicy;
import dev.cascade.schemas.SendRequest;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A request body checked as SPEC section 3 says: first what only JSON can get wrong
 * ({@link RequestShape}), then, on the mapped Avro request, the one rule set fallback-timer
 * applies too ({@link SendRequestRules}). Each broken rule names its JSON field. A request naming
 * a policy (SPEC section 10) is expanded into the policy's steps first, and the rules are checked
 * on the expanded request; a content rule is then reported under {@code content.<CHANNEL>}.
 */
public final class RequestValidator {

  private static final Pattern STEP_FIELD = Pattern.compile("steps\\[(\\d+)\\](.*)");

  /** The request to store, or the broken rules (then {@code request} is null). */
  public record Checked(SendRequest request, List<FieldError> errors) {
    public boolean valid() {
      return errors.isEmpty();
    }
  }

  private final SendRequestRules rules;
  private final Function<String, Optional<FallbackPolicy>> policies;

  /** A validator for requests that give their own steps (none names a known policy). */
  public RequestValidator(SendRequestRules rules) {
    this(rules, name -> Optional.empty());
  }

  /** @param policies the stored policy of each name */
  public RequestValidator(
      SendRequestRules rules, Function<String, Optional<FallbackPolicy>> policies) {
    this.rules = rules;
    this.policies = policies;
  }

  /** @param messageId the id to store the request under (the body's, or a generated one) */
  public Checked check(MessageRequestJson json, String messageId) {
    List<FieldError> shape = RequestShape.faults(json);
    if (!shape.isEmpty()) {
      return new Checked(null, shape);
    }
    SendRequest request = RequestMapper.toAvro(json, messageId);
    if (json.policy() != null) {
      PolicyExpansion.Expanded expanded =
          PolicyExpansion.expand(json, policies.apply(json.policy()));
      if (!expanded.errors().isEmpty()) {
        return new Checked(null, expanded.errors());
      }
      request.setSteps(expanded.steps());
      request.setPolicy(expanded.policy());
    }
    List<FieldError> errors = rules.violations(request).stream()
        .map(v -> asJsonField(v, json, request))
        .toList();
    return new Checked(errors.isEmpty() ? request : null, errors);
  }

  /** The broken rules of a body that names its own messageId (or none: any valid id will do). */
  public List<FieldError> validate(MessageRequestJson json) {
    return check(json, json.messageId() == null ? "validation-only" : json.messageId())
        .errors();
  }

  /**
   * A validity the body gave as {@code validityPeriod} is reported under that field. A step of a
   * request that named a policy is not in the body: its content is reported under {@code
   * content.<CHANNEL>}, anything else (the policy's chain, which was valid when stored but meets
   * this instance's provider configuration now) under {@code policy}.
   */
  private static FieldError asJsonField(
      Violation violation, MessageRequestJson json, SendRequest request) {
    String field = violation.field();
    Matcher step = STEP_FIELD.matcher(field);
    if (!step.matches()) {
      return new FieldError(field, violation.detail());
    }
    int index = Integer.parseInt(step.group(1));
    String rest = step.group(2);
    if (json.policy() != null) {
      String channel = request.getSteps().get(index).getChannel().name();
      if (rest.startsWith(".content")) {
        return new FieldError(
            "content." + channel + rest.substring(".content".length()), violation.detail());
      }
      return new FieldError(
          "policy",
          "policy " + json.policy() + ", " + field + " (" + channel + "): " + violation.detail());
    }
    if (rest.equals(".validitySeconds")) {
      StepJson stepJson = json.steps().get(index);
      if (stepJson.validitySeconds() == null && stepJson.validityPeriod() != null) {
        field = field.replace(".validitySeconds", ".validityPeriod");
      }
    }
    return new FieldError(field, violation.detail());
  }
}
