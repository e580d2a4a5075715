package dev.cascade.intake.http;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Reads a message's state from fallback-timer, which serves it from its Kafka Streams store. */
final class StatusClient {

  /**
   * fallback-timer's answer, passed on as it is; {@code fingerprint} is its request fingerprint
   * header (empty when the message is unknown).
   */
  record Answer(int status, String contentType, String body, String fingerprint) {}

  /** fallback-timer's internal header with the stored request's fingerprint. */
  static final String FINGERPRINT_HEADER = "Cascade-Request-Fingerprint";

  private final String baseUrl;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  StatusClient(String baseUrl) {
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
  }

  Answer get(String messageId) throws InterruptedException {
    return call(
        baseUrl + "/internal/messages/" + URLEncoder.encode(messageId, StandardCharsets.UTF_8));
  }

  /** The message's timeline, from whichever fallback-timer instance owns it. */
  Answer events(String messageId) throws InterruptedException {
    return call(baseUrl + "/internal/messages/"
        + URLEncoder.encode(messageId, StandardCharsets.UTF_8) + "/events");
  }

  private Answer call(String url) throws InterruptedException {
    URI uri = URI.create(url);
    try {
      HttpResponse<String> response = http.send(
          HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      return new Answer(
          response.statusCode(),
          response.headers().firstValue("Content-Type").orElse("application/json"),
          response.body(),
          response.headers().firstValue(FINGERPRINT_HEADER).orElse(""));
    } catch (IOException e) {
      return new Answer(503, "text/plain", "fallback-timer is unreachable: " + e.getMessage(), "");
    }
  }
}
