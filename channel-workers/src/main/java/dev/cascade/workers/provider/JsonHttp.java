package dev.cascade.workers.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.cascade.platform.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * JSON over HTTP to a provider with explicit timeouts. 429 and 5xx answers, timeouts and
 * connection failures become {@link TransientProviderException}; every other answer is returned.
 */
public final class JsonHttp {

  /** A provider's answer: status and parsed body ({@link MissingNode} when empty or not JSON). */
  public record Answer(int status, JsonNode body) {
    public boolean ok() {
      return status / 100 == 2;
    }
  }

  private final HttpClient client;
  private final Duration requestTimeout;
  private final ProviderCallObserver observer;

  public JsonHttp(Duration connectTimeout, Duration requestTimeout, ProviderCallObserver observer) {
    this.client = HttpClient.newBuilder().connectTimeout(connectTimeout).build();
    this.requestTimeout = requestTimeout;
    this.observer = observer;
  }

  public Answer call(String provider, String method, URI uri, String authorization, Object body)
      throws TransientProviderException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(requestTimeout)
        .header("Authorization", authorization).header("Accept", "application/json");
    try {
      if (body == null) {
        request.method(method, HttpRequest.BodyPublishers.noBody());
      } else {
        request.header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofByteArray(Json.mapper().writeValueAsBytes(body)));
      }
      long started = System.nanoTime();
      HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      observer.called(provider, Duration.ofNanos(System.nanoTime() - started));
      int status = response.statusCode();
      if (status == 429 || status >= 500) {
        Duration retryAfter = response.headers().firstValue("Retry-After").map(JsonHttp::seconds).orElse(null);
        throw new TransientProviderException(provider + " answered " + status, retryAfter, null);
      }
      return new Answer(status, parse(response.body()));
    } catch (HttpTimeoutException e) {
      throw new TransientProviderException(provider + " timed out", null, e);
    } catch (IOException e) {
      throw new TransientProviderException(provider + " unreachable: " + e.getMessage(), null, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransientProviderException("interrupted", null, e);
    }
  }

  private static JsonNode parse(String body) {
    if (body == null || body.isBlank()) {
      return MissingNode.getInstance();
    }
    try {
      return Json.mapper().readTree(body);
    } catch (IOException e) {
      return MissingNode.getInstance();
    }
  }

  private static Duration seconds(String retryAfter) {
    try {
      return Duration.ofSeconds(Long.parseLong(retryAfter.strip()));
    } catch (NumberFormatException e) {
      return null; // an HTTP date: fall back to our own backoff
    }
  }

  /** Told about every completed call, for the provider latency histogram. */
  public interface ProviderCallObserver {
    void called(String provider, Duration took);
  }
}
