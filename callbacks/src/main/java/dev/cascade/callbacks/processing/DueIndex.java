package dev.cascade.callbacks.processing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.utils.Bytes;

/**
 * Keys of the due index: the due time in epoch milliseconds (8 bytes, big-endian) then the
 * messageId, so a range scan from 0 to now returns exactly what is due, oldest first.
 */
final class DueIndex {

  static final Bytes FIRST = Bytes.wrap(new byte[0]);
  static final byte[] PRESENT = new byte[0];

  private DueIndex() {}

  static Bytes key(Instant due, String messageId) {
    byte[] id = messageId.getBytes(StandardCharsets.UTF_8);
    return Bytes.wrap(ByteBuffer.allocate(8 + id.length)
        .putLong(Math.max(0, due.toEpochMilli()))
        .put(id)
        .array());
  }

  /** Every key due at {@code now} or before sorts before this one. */
  static Bytes after(Instant now) {
    return Bytes.wrap(ByteBuffer.allocate(8).putLong(now.toEpochMilli() + 1).array());
  }

  static String messageId(Bytes key) {
    byte[] bytes = key.get();
    return new String(bytes, 8, bytes.length - 8, StandardCharsets.UTF_8);
  }
}
