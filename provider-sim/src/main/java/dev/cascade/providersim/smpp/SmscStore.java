package dev.cascade.providersim.smpp;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * What a simulated SMSC keeps across a stop and start, as a real SMSC keeps it on disk: the
 * message-id sequence (ids are never handed out twice, so a receipt can never name an older
 * message) and the receipts no receiver was bound to take. An SMSC stores receipts and forwards
 * them once an ESME binds as receiver, so a receiver that was away gets them the moment it is
 * back rather than on some later retry.
 */
public final class SmscStore {

  /** At most this many receipts are held; past it the reporter tries again later, as before. */
  static final int MAX_HELD = 100_000;

  private final AtomicLong nextId = new AtomicLong(0x4f1a0000L);
  private final Deque<HeldReceipt> held = new ArrayDeque<>();

  /** The next submit_sm_resp id, hexadecimal. */
  String nextMessageId() {
    return Long.toHexString(nextId.incrementAndGet());
  }

  /**
   * One receipt waiting for a receiver: {@code to} and {@code from} as in the deliver_sm, and what
   * to run once a receiver took it.
   */
  record HeldReceipt(String to, String from, byte[] shortMessage, Runnable taken) {}

  /** Holds a receipt behind the ones already held; false when the store is full. */
  synchronized boolean hold(HeldReceipt receipt) {
    if (held.size() >= MAX_HELD) {
      return false;
    }
    held.addLast(receipt);
    return true;
  }

  synchronized boolean isHolding() {
    return !held.isEmpty();
  }

  /**
   * Offers the held receipts, oldest first, to {@code deliver} until it refuses one (no receiver
   * took it); that one and the ones after it stay held, in order.
   */
  synchronized int forward(Predicate<HeldReceipt> deliver) {
    int forwarded = 0;
    while (!held.isEmpty() && deliver.test(held.peekFirst())) {
      held.removeFirst();
      forwarded++;
    }
    return forwarded;
  }
}
