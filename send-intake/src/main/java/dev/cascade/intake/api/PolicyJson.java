package dev.cascade.intake.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cascade.intake.api.MessageRequestJson.FallbackJson;
import dev.cascade.intake.api.MessageRequestJson.ValidityPeriodJson;
import java.util.List;

/**
 * The JSON body of {@code PUT /v1/policies/{name}} (SPEC section 10) as parsed, before validation:
 * a chain of steps like a request's, without content. {@code name} may be left out (the path names
 * the policy); {@code content} is read only to refuse it with a clear message.
 */
public record PolicyJson(String name, List<PolicyStepJson> steps) {

  public record PolicyStepJson(
      String channel,
      String provider,
      List<String> providers,
      String sender,
      JsonNode content,
      FallbackJson fallback,
      Integer validitySeconds,
      ValidityPeriodJson validityPeriod) {}
}
