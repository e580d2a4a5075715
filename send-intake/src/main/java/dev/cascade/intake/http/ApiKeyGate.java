package dev.cascade.intake.http;

import dev.cascade.platform.http.Problem;
import io.javalin.http.Context;
import java.util.Optional;

/**
 * What every API route asks first: a valid API key (else 401) within its rate (else 429 with
 * {@code Retry-After}).
 */
final class ApiKeyGate {

  private final ApiKeys apiKeys;
  private final int ratePerSecond;
  private final RateLimiter rateLimiter;

  ApiKeyGate(ApiKeys apiKeys, int ratePerSecond, RateLimiter rateLimiter) {
    this.apiKeys = apiKeys;
    this.ratePerSecond = ratePerSecond;
    this.rateLimiter = rateLimiter;
  }

  /** The caller's key id, or empty when the answer (401 or 429) was already given. */
  Optional<String> authorize(Context ctx) {
    Optional<String> keyId = apiKeys.authenticate(ctx);
    if (keyId.isEmpty()) {
      ctx.header("WWW-Authenticate", "Bearer");
      Problem.send(
          ctx, 401, "Unauthorized", "send a valid API key as X-Api-Key or Authorization: Bearer");
      return Optional.empty();
    }
    if (!rateLimiter.tryAcquire(keyId.get())) {
      ctx.header("Retry-After", "1");
      Problem.send(
          ctx, 429, "Too Many Requests", "more than " + ratePerSecond + " requests per second");
      return Optional.empty();
    }
    return keyId;
  }
}
