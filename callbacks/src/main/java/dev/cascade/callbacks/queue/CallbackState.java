package dev.cascade.callbacks.queue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the callbacks service keeps for one message with a callback: where to call, the
 * callbacks not yet delivered, oldest first (only the first is ever being tried: a later event
 * waits behind an earlier one), and how far each input topic was read for it.
 *
 * @param queue callbacks not yet delivered nor given up, in the order their events were read
 * @param readOffsets per input topic, the offset of the last event read for this message: an event
 *     read again after a crash (its offset was not committed, but the state that queued it was) is
 *     not queued twice
 * @param forgetAt when the entry may go once nothing is queued: some time after the outcome (a
 *     late delivery amends it), or a long time after the request if no outcome ever comes
 * @param wakeAt the time under which the entry is in the due index (null when it is not)
 */
public record CallbackState(
    Target target,
    List<PendingCallback> queue,
    Map<String, Long> readOffsets,
    Instant forgetAt,
    Instant wakeAt) {

  public CallbackState {
    Objects.requireNonNull(target, "target");
    queue = List.copyOf(queue);
    readOffsets = Map.copyOf(readOffsets);
  }

  public static CallbackState of(Target target, Instant forgetAt) {
    return new CallbackState(target, List.of(), Map.of(), forgetAt, null);
  }

  /** Whether the event at {@code offset} of {@code topic} was read for this message already. */
  public boolean hasRead(String topic, long offset) {
    Long last = readOffsets.get(topic);
    return last != null && offset <= last;
  }

  public CallbackState read(String topic, long offset) {
    Map<String, Long> offsets = new HashMap<>(readOffsets);
    offsets.put(topic, offset);
    return new CallbackState(target, queue, offsets, forgetAt, wakeAt);
  }

  public CallbackState enqueue(PendingCallback callback) {
    List<PendingCallback> longer = new ArrayList<>(queue);
    longer.add(callback);
    return new CallbackState(target, longer, readOffsets, forgetAt, wakeAt);
  }

  public PendingCallback head() {
    return queue.getFirst();
  }

  public CallbackState withHead(PendingCallback head) {
    List<PendingCallback> changed = new ArrayList<>(queue);
    changed.set(0, head);
    return new CallbackState(target, changed, readOffsets, forgetAt, wakeAt);
  }

  /** The first callback delivered or given up: the next one may go. */
  public CallbackState withoutHead() {
    return new CallbackState(target, queue.subList(1, queue.size()), readOffsets, forgetAt, wakeAt);
  }

  public CallbackState forgetAfter(Instant at) {
    return new CallbackState(target, queue, readOffsets, at, wakeAt);
  }

  public CallbackState armedAt(Instant at) {
    return new CallbackState(target, queue, readOffsets, forgetAt, at);
  }

  /** When something is next due: the first callback's next try, or forgetting the entry. */
  public Instant nextWake() {
    return queue.isEmpty() ? forgetAt : head().nextAttemptAt();
  }
}
