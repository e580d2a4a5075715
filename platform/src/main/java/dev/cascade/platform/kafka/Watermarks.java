package dev.cascade.platform.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Watermark records (SPEC section 4, "Timers wait for what already happened"): a record with no
 * value whose headers say "source S has handed to Kafka everything it took before time T", written
 * into every partition of a topic after the records it covers. Every consumer of {@code dlr.raw},
 * {@code delivery.reports} and {@code channel.attempts} skips records without a value; fallback-timer
 * reads these to know when nothing received before a timer's due time is still on its way.
 */
public final class Watermarks {

  /** The source's name: an instance of a service, or a correlation task. */
  public static final String SOURCE_HEADER = "Cascade-Watermark-Source";
  /** Epoch milliseconds before which the source has handed on everything. */
  public static final String AT_HEADER = "Cascade-Watermark";
  /** Present when the source stopped cleanly: nothing of it is in flight any more. */
  public static final String LEAVING_HEADER = "Cascade-Watermark-Leaving";

  private Watermarks() {}

  /** One watermark as read from a record's headers. */
  public record Beat(String source, Instant at, boolean leaving) {}

  public static Headers headers(Beat beat) {
    Headers headers = new RecordHeaders();
    headers.add(SOURCE_HEADER, beat.source().getBytes(StandardCharsets.UTF_8));
    headers.add(
        AT_HEADER, Long.toString(beat.at().toEpochMilli()).getBytes(StandardCharsets.UTF_8));
    if (beat.leaving()) {
      headers.add(LEAVING_HEADER, new byte[0]);
    }
    return headers;
  }

  /** The watermark a record carries; empty for every other record (and a malformed one). */
  public static Optional<Beat> read(Headers headers) {
    Header source = headers.lastHeader(SOURCE_HEADER);
    Header at = headers.lastHeader(AT_HEADER);
    if (source == null || at == null) {
      return Optional.empty();
    }
    try {
      long millis = Long.parseLong(new String(at.value(), StandardCharsets.UTF_8));
      return Optional.of(new Beat(
          new String(source.value(), StandardCharsets.UTF_8),
          Instant.ofEpochMilli(millis),
          headers.lastHeader(LEAVING_HEADER) != null));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
