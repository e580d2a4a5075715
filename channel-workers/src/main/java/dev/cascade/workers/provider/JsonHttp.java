package dev.cascade.workers.provider;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.cascade.platform.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * JSON over HTTP to a provider, asynchronously, with explicit timeouts. 429 and 5xx answers,
 * timeouts and connection failures complete exceptionally with {@link TransientProviderException}
 * (carrying the provider's Retry-After); every other answer is returned.
 */
public final class JsonHttp {

  /** A provider's answer: status and parsed body ({@link MissingNode} when empty or not JSON). */
  public record Answer(int status, JsonNode body) {
    public boolean ok() {
      return status / 100 == 2;
    }
  }

  /** Told about every call that got an answer, for the provider latency histogram. */
  public interface ProviderCallObserver {
    void called(String provider, Duration took);
  }

  private final HttpClient client;
  private final Duration requestTimeout;
  private final ProviderCallObserver observer;

  public JsonHttp(Duration connectTimeout, Duration requestTimeout, ProviderCallObserver observer) {
    this.client = HttpClient.newBuilder().connectTimeout(connectTimeout).build();
    this.requestTimeout = requestTimeout;
    this.observer = observer;
  }

  /** Sends {@code body} (null: none) as JSON; the answer, or a transient failure. */
  public CompletableFuture<Answer> call(
      String provider, String method, URI uri, String authorization, Object body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri)
        .timeout(requestTimeout)
        .header("Authorization", authorization)
        .header("Accept", "application/json");
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofByteArray(json(body)));
    }
    long started = System.nanoTime();
    return client
        .sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
        .handle((response, error) -> {
          if (error != null) {
            throw new CompletionException(transientOrBug(provider, error));
          }
          observer.called(provider, Duration.ofNanos(System.nanoTime() - started));
          int status = response.statusCode();
          if (status == 429 || status >= 500) {
            Duration retryAfter = response
                .headers()
                .firstValue("Retry-After")
                .map(JsonHttp::seconds)
                .orElse(null);
            throw new CompletionException(
                new TransientProviderException(provider + " answered " + status, retryAfter, null));
          }
          return new Answer(status, parse(response.body()));
        });
  }

  /** Timeouts and I/O failures are worth retrying; anything else is ours to fix. */
  private static Throwable transientOrBug(String provider, Throwable error) {
    Throwable cause =
        error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    if (cause instanceof HttpTimeoutException) {
      return new TransientProviderException(provider + " timed out", null, cause);
    }
    if (cause instanceof IOException) {
      return new TransientProviderException(
          provider + " unreachable: " + cause.getMessage(), null, cause);
    }
    return cause;
  }

  private static byte[] json(Object body) {
    try {
      return Json.mapper().writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      // bodies are maps we built ourselves: failing to write one is a bug, not the provider's fault
      throw new UncheckedIOException(e);
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
}
