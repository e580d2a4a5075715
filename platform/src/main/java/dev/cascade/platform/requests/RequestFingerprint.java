package dev.cascade.platform.requests;

import dev.cascade.schemas.SendRequest;
import dev.cascade.schemas.Step;
import dev.cascade.schemas.Template;
import dev.cascade.schemas.serde.AvroSerde;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.TreeMap;

/**
 * The identity of a send request for idempotency: SHA-256 of its Avro encoding without what
 * intake adds (receive time, API key). Two requests equal after parsing have equal fingerprints,
 * whatever their JSON spelling; send-intake and fallback-timer compare them.
 */
public final class RequestFingerprint {

  private static final AvroSerde<SendRequest> SERDE = AvroSerde.of(SendRequest.class);

  private RequestFingerprint() {}

  public static String of(SendRequest request) {
    SendRequest asked =
        SendRequest.newBuilder(request).setReceivedAt(null).setApiKeyId(null).build();
    // Avro writes a map in iteration order; sort template parameters so the order in which they
    // were written (JSON order, or a decoded HashMap's) does not change the fingerprint.
    for (Step step : asked.getSteps()) {
      Template template = step.getContent().getTemplate();
      if (template != null) {
        template.setParameters(new TreeMap<>(template.getParameters()));
      }
      // fallback.on is a set: its order says nothing
      if (step.getFallback() != null) {
        step.getFallback()
            .setOn(step.getFallback().getOn().stream().distinct().sorted().toList());
      }
    }
    // so are a delivery window's days
    if (asked.getDeliveryWindow() != null) {
      asked
          .getDeliveryWindow()
          .setDays(
              asked.getDeliveryWindow().getDays().stream().distinct().sorted().toList());
    }
    // and a callback's events
    if (asked.getCallback() != null) {
      asked
          .getCallback()
          .setEvents(
              asked.getCallback().getEvents().stream().distinct().sorted().toList());
    }
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(SERDE.encode(asked)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
