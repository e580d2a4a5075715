package dev.cascade.fallback.orchestration;

import dev.cascade.platform.requests.Violation;
import dev.cascade.schemas.ChannelCommand;
import dev.cascade.schemas.MessageOutcome;
import dev.cascade.schemas.MessageStatus;
import dev.cascade.schemas.SendRequest;
import dev.cascade.schemas.UsageEvent;
import java.util.List;

/** A record the state machine asks to emit. */
public sealed interface Effect {

  record Command(ChannelCommand command) implements Effect {}

  record Status(MessageStatus status) implements Effect {}

  record Outcome(MessageOutcome outcome) implements Effect {}

  record Usage(UsageEvent usage) implements Effect {}

  /** A request that cannot run, for the dead-letter topic of send.requests. */
  record Rejected(SendRequest request, List<Violation> problems) implements Effect {}
}
