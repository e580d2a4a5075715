package dev.cascade.callbacks.processing;

import dev.cascade.callbacks.queue.PendingCallback;
import dev.cascade.callbacks.queue.Target;
import dev.cascade.platform.kafka.Dlq;
import dev.cascade.schemas.CallbackDelivery;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * What a settled callback writes: a {@link CallbackDelivery} on callbacks.deliveries (the
 * message's timeline shows it), and for one given up, its body on callbacks.dlq with error headers.
 */
final class Outputs {

  static final String DELIVERIES_SINK = "callback-deliveries";
  static final String DLQ_SINK = "callbacks-dlq";

  static final String URL_HEADER = "cascade.callback.url";
  static final String DELIVERY_HEADER = "cascade.callback.delivery";
  static final String EVENT_HEADER = "cascade.callback.event";
  static final String TRIES_HEADER = "cascade.callback.tries";
  static final String HTTP_STATUS_HEADER = "cascade.callback.http.status";

  void delivered(
      ProcessorContext<String, Object> context,
      String messageId,
      Target target,
      PendingCallback callback,
      int httpStatus,
      Instant now) {
    context.forward(
        new Record<String, Object>(
            messageId,
            delivery(messageId, target, callback, true, httpStatus, now),
            now.toEpochMilli()),
        DELIVERIES_SINK);
  }

  void givenUp(
      ProcessorContext<String, Object> context,
      String messageId,
      Target target,
      PendingCallback callback,
      String error,
      Instant now) {
    Headers headers = new RecordHeaders();
    headers.add(Dlq.ERROR_HEADER, utf8(error));
    headers.add(Dlq.ERROR_CLASS_HEADER, utf8("CallbackNotDelivered"));
    headers.add(Dlq.SOURCE_TOPIC_HEADER, utf8(callback.sourceTopic()));
    headers.add(Dlq.FAILED_AT_HEADER, utf8(now.toString()));
    headers.add(URL_HEADER, utf8(target.url()));
    headers.add(DELIVERY_HEADER, utf8(callback.deliveryId()));
    headers.add(EVENT_HEADER, utf8(callback.event()));
    headers.add(TRIES_HEADER, utf8(String.valueOf(callback.tries())));
    if (callback.lastHttpStatus() != null) {
      headers.add(HTTP_STATUS_HEADER, utf8(String.valueOf(callback.lastHttpStatus())));
    }
    context.forward(
        new Record<String, Object>(messageId, utf8(callback.body()), now.toEpochMilli(), headers),
        DLQ_SINK);
    context.forward(
        new Record<String, Object>(
            messageId,
            delivery(messageId, target, callback, false, callback.lastHttpStatus(), now),
            now.toEpochMilli()),
        DELIVERIES_SINK);
  }

  private static CallbackDelivery delivery(
      String messageId,
      Target target,
      PendingCallback callback,
      boolean delivered,
      Integer httpStatus,
      Instant now) {
    return CallbackDelivery.newBuilder()
        .setMessageId(messageId)
        .setDeliveryId(callback.deliveryId())
        .setEvent(callback.event())
        .setUrl(target.url())
        .setDelivered(delivered)
        .setHttpStatus(httpStatus)
        .setTries(callback.tries())
        .setAt(now)
        .build();
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
