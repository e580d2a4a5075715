package dev.cascade.callbacks.queue;

import dev.cascade.platform.messages.MessageView;
import java.time.Instant;
import java.util.List;

/**
 * Where and what one message calls back, and the request fields its callbacks show (the status
 * and outcome records do not carry them).
 *
 * @param url the request's callback URL, or its API key's default
 * @param events the events subscribed to (OUTCOME, STATUS)
 * @param apiKeyId whose callback secret signs the calls; null for a request produced to Kafka
 *     without one
 * @param policy the named policy the request was expanded from, if any (null in state stored
 *     before policies existed)
 */
public record Target(
    String url,
    List<String> events,
    String apiKeyId,
    boolean simulation,
    String campaignReferenceId,
    Instant acceptedAt,
    MessageView.PolicyUsed policy) {

  public Target {
    events = List.copyOf(events);
  }

  public boolean wants(String event) {
    return events.contains(event);
  }
}
