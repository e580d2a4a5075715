package dev.cascade.intake.api;

import dev.cascade.intake.api.MessageRequestJson.StepJson;
import dev.cascade.platform.callbacks.CallbackEvent;
import dev.cascade.platform.callbacks.CallbackKeys;
import dev.cascade.platform.callbacks.CallbackUrls;
import dev.cascade.platform.http.Problem.FieldError;
import dev.cascade.platform.requests.SendRequestRules;
import dev.cascade.platform.requests.Violation;
import dev.cascade.schemas.Callback;
import dev.cascade.schemas.FallbackPolicy;
import dev.cascade.schemas.SendRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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
  private final CallbackKeys callbackKeys;

  /** A validator for requests that give their own steps (none names a known policy). */
  public RequestValidator(SendRequestRules rules, CallbackKeys callbackKeys) {
    this(rules, callbackKeys, name -> Optional.empty());
  }

  /** @param policies the stored policy of each name */
  public RequestValidator(
      SendRequestRules rules,
      CallbackKeys callbackKeys,
      Function<String, Optional<FallbackPolicy>> policies) {
    this.rules = rules;
    this.callbackKeys = callbackKeys;
    this.policies = policies;
  }

  /**
   * @param messageId the id to store the request under (the body's, or a generated one)
   * @param apiKeyId the id of the caller's API key, whose callback secret signs callbacks
   */
  public Checked check(MessageRequestJson json, String messageId, String apiKeyId) {
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
    List<FieldError> errors = new ArrayList<>();
    rules.violations(request).stream().map(v -> asJsonField(v, json, request)).forEach(errors::add);
    errors.addAll(callbackFaults(request.getCallback(), apiKeyId));
    return new Checked(errors.isEmpty() ? request : null, List.copyOf(errors));
  }

  /** The broken rules of a body that names its own messageId (or none: any valid id will do). */
  public List<FieldError> validate(MessageRequestJson json, String apiKeyId) {
    return check(json, json.messageId() == null ? "validation-only" : json.messageId(), apiKeyId)
        .errors();
  }

  /**
   * A callback needs a URL Cascade may call ({@link CallbackUrls}), at least one event, and a
   * callback secret for the caller's key: an unsigned callback could not be told from a forged one.
   */
  private List<FieldError> callbackFaults(Callback callback, String apiKeyId) {
    if (callback == null) {
      return List.of();
    }
    List<FieldError> faults = new ArrayList<>();
    CallbackUrls.problem(callback.getUrl(), callbackKeys.allowPrivate())
        .ifPresent(problem -> faults.add(new FieldError("callback.url", problem)));
    if (callback.getEvents().isEmpty()) {
      faults.add(
          new FieldError("callback.events", "must name at least one of " + CallbackEvent.names()));
    } else if (Set.copyOf(callback.getEvents()).size() < callback.getEvents().size()) {
      faults.add(new FieldError("callback.events", "must not name an event twice"));
    }
    if (callbackKeys.secret(apiKeyId).isEmpty()) {
      faults.add(new FieldError(
          "callback",
          "this API key has no callback secret to sign callbacks with; ask the operator to set "
              + CallbackKeys.SECRETS_KEY));
    }
    return faults;
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
