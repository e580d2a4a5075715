package dev.cascade.intake.api;

import dev.cascade.intake.api.MessageRequestJson.StepJson;
import dev.cascade.platform.http.Problem.FieldError;
import dev.cascade.platform.requests.SendRequestRules;
import dev.cascade.platform.requests.Violation;
import dev.cascade.schemas.SendRequest;
import java.util.List;

/**
 * A request body checked as SPEC section 3 says: first what only JSON can get wrong
 * ({@link RequestShape}), then, on the mapped Avro request, the one rule set fallback-timer
 * applies too ({@link SendRequestRules}). Each broken rule names its JSON field.
 */
public final class RequestValidator {

  /** The request to store, or the broken rules (then {@code request} is null). */
  public record Checked(SendRequest request, List<FieldError> errors) {
    public boolean valid() {
      return errors.isEmpty();
    }
  }

  private final SendRequestRules rules;

  public RequestValidator(SendRequestRules rules) {
    this.rules = rules;
  }

  /** @param messageId the id to store the request under (the body's, or a generated one) */
  public Checked check(MessageRequestJson json, String messageId) {
    List<FieldError> shape = RequestShape.faults(json);
    if (!shape.isEmpty()) {
      return new Checked(null, shape);
    }
    SendRequest request = RequestMapper.toAvro(json, messageId);
    List<FieldError> errors =
        rules.violations(request).stream().map(v -> asJsonField(v, json)).toList();
    return new Checked(errors.isEmpty() ? request : null, errors);
  }

  /** The broken rules of a body that names its own messageId (or none: any valid id will do). */
  public List<FieldError> validate(MessageRequestJson json) {
    return check(json, json.messageId() == null ? "validation-only" : json.messageId())
        .errors();
  }

  /** A validity the body gave as {@code validityPeriod} is reported under that field. */
  private static FieldError asJsonField(Violation violation, MessageRequestJson json) {
    String field = violation.field();
    if (field.endsWith(".validitySeconds")) {
      int step = Integer.parseInt(field.substring("steps[".length(), field.indexOf(']')));
      StepJson stepJson = json.steps().get(step);
      if (stepJson.validitySeconds() == null && stepJson.validityPeriod() != null) {
        field = field.replace(".validitySeconds", ".validityPeriod");
      }
    }
    return new FieldError(field, violation.detail());
  }
}
