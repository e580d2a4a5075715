package dev.cascade.fallback.processing;

import dev.cascade.fallback.metrics.FallbackTimerMetrics;
import dev.cascade.fallback.orchestration.Effect;
import dev.cascade.fallback.orchestration.FallbackStateMachine;
import dev.cascade.fallback.orchestration.Input;
import dev.cascade.fallback.orchestration.MessageState;
import dev.cascade.fallback.orchestration.Transition;
import dev.cascade.fallback.timers.TimerIndex;
import dev.cascade.platform.kafka.Dlq;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Loads a message's state, applies the state machine, stores the result, keeps the timer index
 * in line with the state's pending timer and forwards what the machine emitted. A wall-clock
 * punctuator fires due timers by scanning only the due range of the index, a bounded batch per tick.
 */
public final class OrchestratorProcessor implements Processor<String, Input, String, Effect> {

  public static final String MESSAGES_STORE = "messages";
  public static final String TIMERS_STORE = "timers";

  private final FallbackStateMachine machine;
  private final Duration tick;
  private final int maxTimersPerTick;
  private final FallbackTimerMetrics metrics;
  private ProcessorContext<String, Effect> context;
  private KeyValueStore<String, MessageState> messages;
  private KeyValueStore<Bytes, String> timers;

  public OrchestratorProcessor(
      FallbackStateMachine machine,
      Duration tick,
      int maxTimersPerTick,
      FallbackTimerMetrics metrics) {
    this.machine = machine;
    this.tick = tick;
    this.maxTimersPerTick = maxTimersPerTick;
    this.metrics = metrics;
  }

  @Override
  public void init(ProcessorContext<String, Effect> context) {
    this.context = context;
    this.messages = context.getStateStore(MESSAGES_STORE);
    this.timers = context.getStateStore(TIMERS_STORE);
    context.schedule(tick, PunctuationType.WALL_CLOCK_TIME, this::fireDueTimers);
  }

  @Override
  public void process(Record<String, Input> record) {
    if (record.key() == null || record.value() == null) {
      return;
    }
    if (record.value() instanceof Input.Received received) {
      metrics.received(received.request().getApiKeyId() != null);
    }
    apply(record.key(), record.value(), now());
  }

  private void apply(String messageId, Input input, Instant now) {
    MessageState before = messages.get(messageId);
    Transition transition = machine.apply(before, input, now);
    store(messageId, before, transition.state());
    metrics.emitted(transition.effects());
    long timestamp = now.toEpochMilli();
    for (Effect effect : transition.effects()) {
      context.forward(new Record<>(messageId, effect, timestamp, headersOf(effect)));
    }
  }

  /** A rejected request carries why in the dead-letter headers every Cascade DLQ record has. */
  private static Headers headersOf(Effect effect) {
    Headers headers = new RecordHeaders();
    if (effect instanceof Effect.Rejected rejected) {
      String problems =
          String.join("; ", rejected.problems().stream().map(Object::toString).toList());
      headers.add(Dlq.ERROR_HEADER, problems.getBytes(StandardCharsets.UTF_8));
      headers.add(Dlq.ERROR_CLASS_HEADER, "InvalidSendRequest".getBytes(StandardCharsets.UTF_8));
    }
    return headers;
  }

  private void store(String messageId, MessageState before, MessageState after) {
    Instant oldDue = before == null ? null : before.timerDueAt();
    Instant newDue = after == null ? null : after.timerDueAt();
    if (oldDue != null && !oldDue.equals(newDue)) {
      timers.delete(TimerIndex.key(oldDue, messageId));
    }
    if (newDue != null && !newDue.equals(oldDue)) {
      timers.put(TimerIndex.key(newDue, messageId), messageId);
    }
    if (after == null) {
      messages.delete(messageId);
    } else if (!Objects.equals(before, after)) {
      messages.put(messageId, after);
    }
  }

  private void fireDueTimers(long wallClockMillis) {
    Instant now = Instant.ofEpochMilli(wallClockMillis);
    List<KeyValue<Bytes, String>> due = new ArrayList<>();
    try (KeyValueIterator<Bytes, String> range =
        timers.range(TimerIndex.FIRST, TimerIndex.upperBound(now))) {
      while (range.hasNext() && due.size() < maxTimersPerTick) {
        due.add(range.next());
      }
    }
    for (KeyValue<Bytes, String> entry : due) {
      Instant dueAt = TimerIndex.due(entry.key);
      MessageState state = messages.get(entry.value);
      if (state == null || !dueAt.equals(state.timerDueAt())) {
        timers.delete(entry.key); // stale: the message moved on or is gone
        continue;
      }
      metrics.timerFired(Duration.between(dueAt, now));
      try {
        apply(entry.value, new Input.TimerFired(dueAt), now);
      } catch (RuntimeException e) {
        // A timer the state machine cannot take must not come due again on every tick and hold
        // up the timers behind it: its index entry goes; the processing exception handler logs it.
        timers.delete(entry.key);
        throw e;
      }
    }
    metrics.timersPending(context.taskId().toString(), timers.approximateNumEntries());
  }

  @Override
  public void close() {
    metrics.timersPending(context.taskId().toString(), null);
  }

  private Instant now() {
    return Instant.ofEpochMilli(context.currentSystemTimeMs());
  }
}
