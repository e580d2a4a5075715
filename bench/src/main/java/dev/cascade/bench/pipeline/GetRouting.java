package dev.cascade.bench.pipeline;

import dev.cascade.bench.stack.Stack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * With several fallback-timer instances, each message's state lives in the instance that owns
 * its partition: asks every instance for the same sample of messages and counts the answers
 * that name the message, so a GET to any instance is shown to reach the owner.
 */
final class GetRouting {

  private static final int SAMPLE = 200;

  private GetRouting() {}

  /** The name of fallback-timer instance {@code n} (the first is the stack's own). */
  static String timerName(int instance) {
    return instance == 1
        ? Stack.Service.FALLBACK_TIMER.serviceName()
        : Stack.Service.FALLBACK_TIMER.serviceName() + "-" + instance;
  }

  static void check(
      Stack stack,
      int instances,
      Collection<String> messageIds,
      Map<String, Double> figures,
      StringBuilder detail)
      throws InterruptedException {
    List<String> sample = messageIds.stream().sorted().limit(SAMPLE).toList();
    HttpClient http =
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    detail
        .append("GET /internal/messages/{id} of the same ")
        .append(sample.size())
        .append(" messages from each fallback-timer instance:\n");
    for (int instance = 1; instance <= instances; instance++) {
      String name = timerName(instance);
      int port = instance == 1 ? stack.port(Stack.Service.FALLBACK_TIMER) : stack.port(name);
      List<Integer> statuses = new ArrayList<>();
      int answered = 0;
      for (String id : sample) {
        int status = get(http, port, id);
        statuses.add(status);
        answered += status == 200 ? 1 : 0;
      }
      figures.put(
          "get_answered_share." + name,
          sample.isEmpty() ? null : answered / (double) sample.size());
      detail.append(String.format(
          "  %-18s %d of %d answered 200%s%n",
          name,
          answered,
          sample.size(),
          answered == sample.size()
              ? ""
              : "; statuses " + statuses.stream().distinct().toList()));
    }
  }

  private static int get(HttpClient http, int port, String messageId) throws InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(
            URI.create("http://localhost:" + port + "/internal/messages/" + messageId))
        .timeout(Duration.ofSeconds(5))
        .build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (java.io.IOException e) {
      return -1;
    }
  }
}
