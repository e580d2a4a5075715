package dev.cascade.intake.api;

import dev.cascade.intake.api.PolicyJson.PolicyStepJson;
import dev.cascade.platform.http.Problem.FieldError;
import dev.cascade.platform.requests.SendRequestRules;
import dev.cascade.platform.requests.Violation;
import dev.cascade.schemas.Content;
import dev.cascade.schemas.PolicyStep;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A policy body checked like a request's steps (SPEC section 10): the JSON shape first, then the
 * step rules of {@link SendRequestRules} without content (which each request brings). Fields are
 * named inside the policy body: {@code steps[1].fallback.afterSeconds}.
 */
public final class PolicyValidator {

  /** What a policy's name may be: it travels in URL paths, Kafka keys and outcomes. */
  public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  /** The policy's steps, or the broken rules (then {@code steps} is null). */
  public record Checked(List<PolicyStep> steps, List<FieldError> errors) {
    public boolean valid() {
      return errors.isEmpty();
    }
  }

  private final SendRequestRules rules;

  public PolicyValidator(SendRequestRules rules) {
    this.rules = rules;
  }

  /** @param name the name in the path, {@code PUT /v1/policies/{name}} */
  public Checked check(String name, PolicyJson json) {
    List<FieldError> errors = new ArrayList<>();
    if (!NAME.matcher(name).matches()) {
      errors.add(new FieldError(
          "name",
          "must be 1 to 64 characters of A-Z a-z 0-9 . _ -, starting with a letter or digit"));
    } else if (json.name() != null && !json.name().equals(name)) {
      errors.add(new FieldError("name", "must be the name in the path, " + name));
    }
    errors.addAll(RequestShape.faults(json));
    if (!errors.isEmpty()) {
      return new Checked(null, List.copyOf(errors));
    }
    List<PolicyStep> steps =
        json.steps().stream().map(RequestMapper::policyStep).toList();
    List<Violation> violations = rules.chainViolations(
        steps.stream().map(step -> PolicyExpansion.step(step, new Content())).toList());
    for (Violation violation : violations) {
      errors.add(new FieldError(asJsonField(violation.field(), json), violation.detail()));
    }
    return new Checked(errors.isEmpty() ? steps : null, List.copyOf(errors));
  }

  /** A validity the body gave as {@code validityPeriod} is reported under that field. */
  private static String asJsonField(String field, PolicyJson json) {
    if (field.endsWith(".validitySeconds")) {
      int step = Integer.parseInt(field.substring("steps[".length(), field.indexOf(']')));
      PolicyStepJson stepJson = json.steps().get(step);
      if (stepJson.validitySeconds() == null && stepJson.validityPeriod() != null) {
        return field.replace(".validitySeconds", ".validityPeriod");
      }
    }
    return field;
  }
}
