package dev.cascade.fallback.processing;

import dev.cascade.fallback.metrics.FallbackTimerMetrics;
import dev.cascade.fallback.orchestration.Effect;
import dev.cascade.fallback.orchestration.Event;
import dev.cascade.fallback.orchestration.FallbackStateMachine;
import dev.cascade.fallback.orchestration.Input;
import dev.cascade.fallback.orchestration.MessageState;
import dev.cascade.fallback.orchestration.Timer;
import dev.cascade.fallback.orchestration.Timer.Watch;
import dev.cascade.fallback.orchestration.Transition;
import dev.cascade.fallback.timers.ScanStarts;
import dev.cascade.fallback.timers.TimerIndex;
import dev.cascade.fallback.watermarks.HoldRule;
import dev.cascade.fallback.watermarks.PathProgress;
import dev.cascade.platform.kafka.Dlq;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
 *
 * <p>A timer that watches a path (reports, attempts) fires only once that path's watermark has
 * passed its due time, or the path stood still for {@code timer.max.hold} (SPEC section 4, {@link
 * HoldRule}): the index keeps
 * each watch's timers apart, so a scan never touches held timers.
 */
public final class OrchestratorProcessor implements Processor<String, Arrival, String, Effect> {

  public static final String MESSAGES_STORE = "messages";
  public static final String TIMERS_STORE = "timers";
  public static final String WATERMARKS_STORE = "watermarks";
  private static final List<Watch> WATCHED = List.of(Watch.REPORTS, Watch.ATTEMPTS);

  private final FallbackStateMachine machine;
  private final Duration tick;
  private final int maxTimersPerTick;
  private final FallbackTimerMetrics metrics;
  private final HoldRule holdRule;
  /** Per watch, the due time up to which timers held have been counted once. */
  private final Map<Watch, Instant> heldCountedUpTo = new EnumMap<>(Watch.class);
  /** Where each watch's next scan of the timer index starts (see {@link ScanStarts}). */
  private ScanStarts scanStarts;
  /** When each watched path's watermark last moved on (see {@link HoldRule}). */
  private final Map<Watch, PathProgress> progress = new EnumMap<>(Watch.class);

  private ProcessorContext<String, Effect> context;
  private KeyValueStore<String, MessageState> messages;
  private KeyValueStore<Bytes, String> timers;
  private final Duration maxHold;
  /** The report and attempt paths' watermarks of this task (see {@link WatermarkStore}). */
  private WatermarkStore watermarks;

  public OrchestratorProcessor(
      FallbackStateMachine machine,
      Duration tick,
      int maxTimersPerTick,
      Duration maxHold,
      FallbackTimerMetrics metrics) {
    this.machine = machine;
    this.tick = tick;
    this.maxTimersPerTick = maxTimersPerTick;
    this.holdRule = new HoldRule(maxHold);
    this.maxHold = maxHold;
    this.metrics = metrics;
  }

  @Override
  public void init(ProcessorContext<String, Effect> context) {
    this.context = context;
    this.messages = context.getStateStore(MESSAGES_STORE);
    this.timers = context.getStateStore(TIMERS_STORE);
    this.scanStarts = new ScanStarts();
    this.watermarks = new WatermarkStore(
        context.getStateStore(WATERMARKS_STORE),
        maxHold,
        WATCHED.stream().map(Watch::name).toList());
    Instant started = Instant.ofEpochMilli(context.currentSystemTimeMs());
    WATCHED.forEach(watch -> progress.put(watch, new PathProgress(started)));
    reindexLegacyTimers();
    context.schedule(tick, PunctuationType.WALL_CLOCK_TIME, this::fireDueTimers);
  }

  @Override
  public void process(Record<String, Arrival> record) {
    if (record.key() == null || record.value() == null) {
      return;
    }
    switch (record.value()) {
      case Arrival.ForMessage message -> {
        if (message.input() instanceof Input.Received received) {
          metrics.received(received.request().getApiKeyId() != null);
        }
        apply(record.key(), message.input(), now());
      }
      case Arrival.Watermark watermark -> advance(watermark);
    }
  }

  private void advance(Arrival.Watermark watermark) {
    if (watermark.watch() != Watch.NOTHING) {
      watermarks.take(
          watermark.watch().name(), watermark.source(), watermark.at(), watermark.leaving());
      // noted when it moves, not at the next tick: a path's stand-still is timed from here
      progress
          .get(watermark.watch())
          .observe(watermarks.path(watermark.watch().name()).low(), now());
    }
  }

  /** Moves index entries an earlier version wrote (no watch byte) to this version's keys. */
  private void reindexLegacyTimers() {
    List<KeyValue<Bytes, String>> legacy = new ArrayList<>();
    try (KeyValueIterator<Bytes, String> range =
        timers.range(TimerIndex.LEGACY_FIRST, TimerIndex.LEGACY_END)) {
      range.forEachRemaining(legacy::add);
    }
    for (KeyValue<Bytes, String> entry : legacy) {
      timers.delete(entry.key);
      MessageState state = messages.get(entry.value);
      if (state != null && state.timer() != null) {
        index(state.timer(), entry.value);
      }
    }
  }

  private void index(Timer timer, String messageId) {
    Bytes key = indexKey(timer, messageId);
    timers.put(key, messageId);
    scanStarts.indexed(timer.kind().watch(), key);
  }

  private static Bytes indexKey(Timer timer, String messageId) {
    return TimerIndex.key(timer.kind().watch(), timer.dueAt(), messageId);
  }

  private void apply(String messageId, Input input, Instant now) {
    MessageState before = messages.get(messageId);
    apply(messageId, before, before, input, now);
  }

  /**
   * Applies {@code input} to {@code state} — {@code stored} with what the processor itself noted
   * (a timer's hold) — stores the result against {@code stored} and returns it.
   */
  private MessageState apply(
      String messageId, MessageState stored, MessageState state, Input input, Instant now) {
    MessageState before = stored;
    Transition transition = machine.apply(state, input, now);
    store(messageId, before, transition.state());
    metrics.emitted(transition.effects());
    long timestamp = now.toEpochMilli();
    for (Effect effect : transition.effects()) {
      context.forward(new Record<>(messageId, effect, timestamp, headersOf(effect)));
    }
    return transition.state();
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
    Timer oldTimer = before == null ? null : before.timer();
    Timer newTimer = after == null ? null : after.timer();
    if (oldTimer != null && !oldTimer.equals(newTimer)) {
      timers.delete(indexKey(oldTimer, messageId));
    }
    if (newTimer != null && !newTimer.equals(oldTimer)) {
      index(newTimer, messageId);
    }
    if (after == null) {
      messages.delete(messageId);
    } else if (!Objects.equals(before, after)) {
      messages.put(messageId, after);
    }
  }

  private void fireDueTimers(long wallClockMillis) {
    Instant now = Instant.ofEpochMilli(wallClockMillis);
    int budget = maxTimersPerTick;
    budget -= fire(Watch.NOTHING, now, now, Optional.empty(), budget);
    for (Watch watch : WATCHED) {
      Optional<Instant> watermark = watermarks.path(watch.name()).low();
      PathProgress path = progress.get(watch);
      path.observe(watermark, now);
      Instant releasedUpTo = holdRule.releasedUpTo(now, watermark, path.movedAt());
      budget -= fire(watch, releasedUpTo, now, watermark, budget);
      countNewlyHeld(watch, releasedUpTo, now);
    }
    watermarks.persistIfDue(now);
    metrics.timersPending(context.taskId().toString(), timers.approximateNumEntries());
  }

  /** Fires {@code watch}'s timers due up to {@code upTo}, at most {@code budget}; returns how many. */
  private int fire(
      Watch watch, Instant upTo, Instant now, Optional<Instant> watermark, int budget) {
    if (budget <= 0) {
      return 0;
    }
    Bytes upperBound = TimerIndex.upperBound(watch, upTo);
    if (!scanStarts.mayHaveEntriesBelow(watch, upperBound)) {
      return 0;
    }
    List<KeyValue<Bytes, String>> due = new ArrayList<>();
    Bytes firstBeyond = null;
    // to the end of the watch, not the bound: the first live entry beyond it is where the seek
    // lands anyway, and until the clock reaches it the next ticks need not seek at all
    try (KeyValueIterator<Bytes, String> range =
        timers.range(scanStarts.begin(watch), TimerIndex.end(watch))) {
      while (due.size() < budget) {
        if (!range.hasNext()) {
          firstBeyond = TimerIndex.end(watch);
          break;
        }
        KeyValue<Bytes, String> entry = range.next();
        if (entry.key.compareTo(upperBound) >= 0) {
          firstBeyond = entry.key;
          break;
        }
        due.add(entry);
      }
    }
    Bytes firstLeft = null;
    for (KeyValue<Bytes, String> entry : due) {
      boolean stillIndexed = fireOne(watch, entry, now, watermark);
      if (firstLeft == null && stillIndexed) {
        firstLeft = entry.key;
      }
    }
    // the next scan starts at the first entry still there, else past everything this one saw
    Bytes nextStart =
        firstLeft != null ? firstLeft : firstBeyond != null ? upperBound : due.getLast().key;
    scanStarts.scanned(watch, nextStart, firstLeft != null ? null : firstBeyond);
    return due.size();
  }

  /**
   * Fires one due index entry; returns whether the entry is still in the index afterwards (the
   * message's new timer has the same key: same watch, same due time).
   */
  private boolean fireOne(
      Watch watch, KeyValue<Bytes, String> entry, Instant now, Optional<Instant> watermark) {
    Instant dueAt = TimerIndex.due(entry.key);
    MessageState state = messages.get(entry.value);
    if (state == null
        || state.timer() == null
        || !dueAt.equals(state.timerDueAt())
        || state.timer().kind().watch() != watch) {
      timers.delete(entry.key); // stale: the message moved on or is gone
      return false;
    }
    metrics.timerFired(Duration.between(dueAt, now));
    MessageState noted = state;
    Instant counted = heldCountedUpTo.get(watch);
    boolean atMax = watch != Watch.NOTHING
        && holdRule.releasedByMaxHold(dueAt, now, watermark, progress.get(watch).movedAt());
    if (atMax || (counted != null && !dueAt.isAfter(counted))) {
      Duration held = Duration.between(dueAt, now);
      metrics.holdEnded(watch, held, atMax);
      noted = state.withEvent(Event.of(now, Event.Type.TIMER_HELD)
          .step(state.currentStep())
          .status(state.timer().kind().name())
          .detail(heldDetail(watch, held, atMax)));
    }
    try {
      MessageState after = apply(entry.value, state, noted, new Input.TimerFired(dueAt), now);
      return after != null
          && after.timer() != null
          && indexKey(after.timer(), entry.value).equals(entry.key);
    } catch (RuntimeException e) {
      // A timer the state machine cannot take must not come due again on every tick and hold
      // up the timers behind it: its index entry goes; the processing exception handler logs it.
      timers.delete(entry.key);
      throw e;
    }
  }

  private static String heldDetail(Watch watch, Duration held, boolean atMax) {
    String path = watch == Watch.REPORTS ? "delivery reports" : "channel attempts";
    return "held " + held.toMillis() + " ms for " + path + " received before its due time"
        + (atMax ? "; released: the path stood still for timer.max.hold, still behind" : "");
  }

  /** Counts once each timer of {@code watch} that came due but is held. */
  private void countNewlyHeld(Watch watch, Instant releasedUpTo, Instant now) {
    if (!releasedUpTo.isBefore(now)) {
      return;
    }
    Instant counted = heldCountedUpTo.get(watch);
    Instant from = counted == null || counted.isBefore(releasedUpTo) ? releasedUpTo : counted;
    int held = 0;
    Bytes upperBound = TimerIndex.upperBound(watch, now);
    if (!scanStarts.mayHaveEntriesBelow(watch, upperBound)) {
      heldCountedUpTo.put(watch, now);
      return;
    }
    try (KeyValueIterator<Bytes, String> range =
        timers.range(TimerIndex.upperBound(watch, from), upperBound)) {
      while (range.hasNext() && held < maxTimersPerTick) {
        range.next();
        held++;
      }
    }
    if (held > 0) {
      metrics.timersHeld(watch, held);
    }
    heldCountedUpTo.put(watch, now);
  }

  @Override
  public void close() {
    metrics.timersPending(context.taskId().toString(), null);
  }

  private Instant now() {
    return Instant.ofEpochMilli(context.currentSystemTimeMs());
  }
}
