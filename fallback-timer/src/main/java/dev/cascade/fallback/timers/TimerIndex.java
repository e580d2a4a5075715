package dev.cascade.fallback.timers;

import dev.cascade.fallback.orchestration.Timer.Watch;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import org.apache.kafka.common.utils.Bytes;

/**
 * Keys of the time-ordered timer index: one byte naming what the timer watches besides the clock
 * ({@link Watch}), the due time as 8 big-endian bytes, then the messageId. Byte order equals time
 * order within a watch for every non-negative epoch millisecond, so a range scan from {@link
 * #first(Watch)} to {@link #upperBound(Watch, Instant)} returns exactly that watch's timers due by
 * then, oldest first, and timers held for one path are never scanned while another path's fire.
 *
 * <p>Versions before watermarks wrote keys without the watch byte (their first byte is 0 for
 * every date before the year 10889); {@link #LEGACY_FIRST} to {@link #LEGACY_END} spans them, so a
 * store written by such a version can be re-indexed on start.
 */
public final class TimerIndex {

  /** Below every key an earlier version wrote. */
  public static final Bytes LEGACY_FIRST = Bytes.wrap(new byte[Long.BYTES]);
  /** Above every key an earlier version wrote, below every key of this one. */
  public static final Bytes LEGACY_END = Bytes.wrap(new byte[] {1});

  private static final byte FIRST_WATCH_TAG = 0x10;

  private TimerIndex() {}

  public static Bytes key(Watch watch, Instant due, String messageId) {
    byte[] id = messageId.getBytes(StandardCharsets.UTF_8);
    return Bytes.wrap(ByteBuffer.allocate(1 + Long.BYTES + id.length)
        .put(tag(watch))
        .putLong(due.toEpochMilli())
        .put(id)
        .array());
  }

  /** Below every key of {@code watch}. */
  public static Bytes first(Watch watch) {
    return Bytes.wrap(
        ByteBuffer.allocate(1 + Long.BYTES).put(tag(watch)).putLong(0).array());
  }

  /** A bound above every key of {@code watch} due at or before {@code upTo}, below every later one. */
  public static Bytes upperBound(Watch watch, Instant upTo) {
    return Bytes.wrap(ByteBuffer.allocate(1 + Long.BYTES)
        .put(tag(watch))
        .putLong(upTo.toEpochMilli() + 1)
        .array());
  }

  /** Above every key of {@code watch}, below every key of the next one. */
  public static Bytes end(Watch watch) {
    return Bytes.wrap(new byte[] {(byte) (tag(watch) + 1)});
  }

  public static Instant due(Bytes key) {
    return Instant.ofEpochMilli(ByteBuffer.wrap(key.get(), 1, Long.BYTES).getLong());
  }

  public static String messageId(Bytes key) {
    byte[] bytes = key.get();
    return new String(
        Arrays.copyOfRange(bytes, 1 + Long.BYTES, bytes.length), StandardCharsets.UTF_8);
  }

  /** The messageId of a key an earlier version wrote. */
  public static String legacyMessageId(Bytes key) {
    byte[] bytes = key.get();
    return new String(Arrays.copyOfRange(bytes, Long.BYTES, bytes.length), StandardCharsets.UTF_8);
  }

  private static byte tag(Watch watch) {
    return (byte) (FIRST_WATCH_TAG + watch.ordinal());
  }
}
