package dev.cascade.fallback.orchestration;

import dev.cascade.schemas.Channel;
import dev.cascade.schemas.FinalStatus;
import java.time.Instant;

/** How and when a message ended: its final status and the channel of the step that ended it. */
public record Ending(FinalStatus status, Channel channel, Instant at) {}
