package dev.cascade.fallback.orchestration;

import java.util.List;

/** The result of applying one input: the new state ({@code null} = forget the message) and what to emit. */
public record Transition(MessageState state, List<Effect> effects) {

  public Transition {
    effects = List.copyOf(effects);
  }
}
