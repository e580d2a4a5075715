package dev.cascade.providersim.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Digit 9 of the script: the first two tries of a send fail transiently (503, then 429 with
 * Retry-After), the third goes through. Tries are counted per client reference.
 */
public final class Flakiness {

  /** What to answer this try. */
  public enum Answer {
    UNAVAILABLE,
    TOO_MANY_REQUESTS,
    PROCEED
  }

  private final Map<String, Integer> tries = Collections.synchronizedMap(new LinkedHashMap<>() {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
      return size() > 10_000;
    }
  });

  public Answer nextTry(String reference) {
    int attempt = tries.merge(reference, 1, Integer::sum);
    return switch (attempt) {
      case 1 -> Answer.UNAVAILABLE;
      case 2 -> Answer.TOO_MANY_REQUESTS;
      default -> Answer.PROCEED;
    };
  }
}
