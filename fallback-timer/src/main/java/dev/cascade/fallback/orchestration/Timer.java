package dev.cascade.fallback.orchestration;

import dev.cascade.schemas.internal.TimerKind;
import java.time.Instant;

/** The one timer a message waits on: when it is due and what firing means. */
public record Timer(Instant dueAt, TimerKind kind) {}
