package dev.cascade.platform.callbacks;

import java.util.Arrays;
import java.util.List;

/** What a callback may subscribe to (SPEC section 10). */
public enum CallbackEvent {
  /** The message's outcome (message.outcomes): its end, and a late delivery's amendment. */
  OUTCOME,
  /** Every state change (message.status), the final one included. */
  STATUS;

  /** The events a callback gets when its request names none. */
  public static final List<String> DEFAULT = List.of(OUTCOME.name());

  public static List<String> names() {
    return Arrays.stream(values()).map(Enum::name).toList();
  }
}
