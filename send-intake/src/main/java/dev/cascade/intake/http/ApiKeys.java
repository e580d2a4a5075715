package dev.cascade.intake.http;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;

/** API keys as {@code X-Api-Key: <key>} (seed 001) or {@code Authorization: Bearer <key>}. */
final class ApiKeys {

  private final Map<String, String> idsByKey;

  ApiKeys(Map<String, String> idsByKey) {
    this.idsByKey = idsByKey;
  }

  /** The id of the caller's key, if the call carries a known one. */
  Optional<String> authenticate(Context ctx) {
    String presented = ctx.header("X-Api-Key");
    String authorization = ctx.header("Authorization");
    if (presented == null
        && authorization != null
        && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      presented = authorization.substring(7).strip();
    }
    if (presented == null) {
      return Optional.empty();
    }
    byte[] given = presented.getBytes(StandardCharsets.UTF_8);
    for (Map.Entry<String, String> known : idsByKey.entrySet()) {
      // constant-time per comparison, so response time does not reveal how much of a key matched
      if (MessageDigest.isEqual(given, known.getKey().getBytes(StandardCharsets.UTF_8))) {
        return Optional.of(known.getValue());
      }
    }
    return Optional.empty();
  }
}
