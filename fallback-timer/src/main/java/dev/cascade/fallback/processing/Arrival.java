package dev.cascade.fallback.processing;

import dev.cascade.fallback.orchestration.Input;
import dev.cascade.fallback.orchestration.Timer.Watch;
import java.time.Instant;

/** What reaches the orchestrator: something that happened to a message, or a path's watermark. */
public sealed interface Arrival {

  /** An input for the message the record is keyed by. */
  record ForMessage(Input input) implements Arrival {}

  /**
   * {@code source} on the path {@code watch} has handed on everything it took before {@code at};
   * {@code leaving}: it stopped cleanly and nothing of it is in flight.
   */
  record Watermark(Watch watch, String source, Instant at, boolean leaving) implements Arrival {}
}
