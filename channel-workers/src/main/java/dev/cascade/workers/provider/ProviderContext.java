package dev.cascade.workers.provider;

import java.util.function.Consumer;

/**
 * What the worker lends the providers it builds.
 *
 * @param http the shared HTTP client, which also times every call
 * @param capabilityLookups told of every capability cache lookup
 *     ({@code cascade_capability_cache_total{result}})
 */
public record ProviderContext(JsonHttp http, Consumer<CacheLookup> capabilityLookups) {

  /** How a cache lookup went. */
  public enum CacheLookup {
    HIT,
    MISS
  }
}
