package dev.cascade.callbacks.http;

import dev.cascade.platform.callbacks.CallbackUrls;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * POSTs callbacks without blocking the caller: the host is resolved (on a virtual thread) and every
 * address it has is checked against {@link CallbackUrls} before each call, then the JDK client
 * sends it asynchronously with a connect and a request timeout. Redirects are not followed (a
 * redirect could lead to a private address).
 */
public final class CallbackSender implements AutoCloseable {

  public static final String DELIVERY_HEADER = "Cascade-Delivery";
  public static final String EVENT_HEADER = "Cascade-Event";

  /** What a call needs; the secret signs it. */
  public record Call(String url, String event, String deliveryId, String body, String secret) {}

  private final HttpClient client;
  private final Duration requestTimeout;
  private final boolean allowPrivate;
  private final Clock clock;
  private final ExecutorService resolver = Executors.newVirtualThreadPerTaskExecutor();

  public CallbackSender(
      Duration connectTimeout, Duration requestTimeout, boolean allowPrivate, Clock clock) {
    this.client = HttpClient.newBuilder()
        .connectTimeout(connectTimeout)
        .followRedirects(HttpClient.Redirect.NEVER)
        .version(HttpClient.Version.HTTP_1_1)
        .build();
    this.requestTimeout = requestTimeout;
    this.allowPrivate = allowPrivate;
    this.clock = clock;
  }

  /** The call's result; never completes exceptionally. */
  public CompletableFuture<DeliveryResult> post(Call call) {
    return CompletableFuture.supplyAsync(() -> refusal(call.url()), resolver)
        .thenCompose(refused ->
            refused.isPresent() ? CompletableFuture.completedFuture(refused.get()) : send(call))
        .exceptionally(error -> new DeliveryResult.Failed(null, describe(error)));
  }

  private CompletableFuture<DeliveryResult> send(Call call) {
    byte[] body = call.body().getBytes(StandardCharsets.UTF_8);
    HttpRequest request = HttpRequest.newBuilder(URI.create(call.url()))
        .timeout(requestTimeout)
        .header("Content-Type", "application/json")
        .header("User-Agent", "Cascade-Callbacks/1")
        .header(EVENT_HEADER, call.event())
        .header(DELIVERY_HEADER, call.deliveryId())
        .header(
            CallbackSignature.HEADER,
            CallbackSignature.header(call.secret(), clock.instant().getEpochSecond(), body))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
    return client
        .sendAsync(request, HttpResponse.BodyHandlers.discarding())
        .thenApply(response -> response.statusCode() / 100 == 2
            ? new DeliveryResult.Delivered(response.statusCode())
            : new DeliveryResult.Failed(
                response.statusCode(), "the receiver answered " + response.statusCode()));
  }

  /**
   * Why the URL may not be called now: its form (checked again: a producer writing to Kafka
   * skips send-intake), or an address its host resolves to. Empty when it may be called; an
   * unknown host is a failure to retry (DNS may come back), not a refusal.
   */
  private Optional<DeliveryResult> refusal(String url) {
    Optional<String> problem = CallbackUrls.problem(url, allowPrivate);
    if (problem.isPresent()) {
      return Optional.of(new DeliveryResult.Refused("the callback URL " + problem.get()));
    }
    URI uri = URI.create(url);
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(uri.getHost());
    } catch (UnknownHostException e) {
      return Optional.of(new DeliveryResult.Failed(null, "unknown host " + uri.getHost()));
    }
    boolean plainHttp = uri.getScheme().equalsIgnoreCase("http");
    for (InetAddress address : addresses) {
      boolean allowed = plainHttp
          ? CallbackUrls.isLoopback(address)
          : allowPrivate || CallbackUrls.isPublic(address);
      if (!allowed) {
        return Optional.of(new DeliveryResult.Refused("the callback host " + uri.getHost()
            + " resolves to " + address.getHostAddress() + ", which is not allowed"));
      }
    }
    return Optional.empty();
  }

  private static String describe(Throwable error) {
    Throwable cause = error;
    while ((cause instanceof java.util.concurrent.CompletionException
            || cause instanceof java.util.concurrent.ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    String message = cause.getMessage();
    return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  @Override
  public void close() {
    resolver.shutdownNow();
    client.shutdownNow();
  }
}
