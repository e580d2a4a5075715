package dev.cascade.fallback.timers;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import org.apache.kafka.common.utils.Bytes;

/**
 * Keys of the time-ordered timer index: the due time as 8 big-endian bytes, then the messageId.
 * Byte order equals time order for every non-negative epoch millisecond, so a range scan from
 * {@link #FIRST} to {@link #upperBound(Instant)} returns exactly the due timers, oldest first.
 */
public final class TimerIndex {

  public static final Bytes FIRST = Bytes.wrap(new byte[Long.BYTES]);

  private TimerIndex() {}

  public static Bytes key(Instant due, String messageId) {
    byte[] id = messageId.getBytes(StandardCharsets.UTF_8);
    return Bytes.wrap(ByteBuffer.allocate(Long.BYTES + id.length)
        .putLong(due.toEpochMilli())
        .put(id)
        .array());
  }

  /** A bound above every key due at or before {@code now} and below every later one. */
  public static Bytes upperBound(Instant now) {
    return Bytes.wrap(
        ByteBuffer.allocate(Long.BYTES).putLong(now.toEpochMilli() + 1).array());
  }

  public static Instant due(Bytes key) {
    return Instant.ofEpochMilli(ByteBuffer.wrap(key.get(), 0, Long.BYTES).getLong());
  }

  public static String messageId(Bytes key) {
    byte[] bytes = key.get();
    return new String(Arrays.copyOfRange(bytes, Long.BYTES, bytes.length), StandardCharsets.UTF_8);
  }
}
