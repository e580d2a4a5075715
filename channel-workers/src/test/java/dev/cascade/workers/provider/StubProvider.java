package dev.cascade.workers.provider;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A provider stub on a real HTTP port: answers queued responses, optionally after a delay, and
 * records every request and how many it was answering at once.
 */
public final class StubProvider implements AutoCloseable {

  public record Request(
      String method, String path, Map<String, List<String>> headers, String body) {
    public String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().getFirst())
          .findFirst()
          .orElse(null);
    }
  }

  record Response(int status, String body, Map<String, String> headers) {}

  private final HttpServer server;
  private final ExecutorService threads = Executors.newFixedThreadPool(32);
  private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
  private final Deque<Response> responses = new ArrayDeque<>();
  private final AtomicInteger answering = new AtomicInteger();
  private final AtomicInteger mostAtOnce = new AtomicInteger();
  private volatile Duration delay = Duration.ZERO;

  public StubProvider() {
    try {
      server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(threads);
    server.createContext("/", exchange -> {
      mostAtOnce.accumulateAndGet(answering.incrementAndGet(), Math::max);
      try {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.add(new Request(
            exchange.getRequestMethod(),
            exchange.getRequestURI().toString(),
            Map.copyOf(exchange.getRequestHeaders()),
            body));
        Response response;
        synchronized (responses) {
          response = responses.size() > 1 ? responses.poll() : responses.peek();
        }
        Thread.sleep(delay.toMillis());
        byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
        response
            .headers()
            .forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(response.status(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
          exchange.getResponseBody().write(bytes);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        answering.decrementAndGet();
        exchange.close();
      }
    });
    server.start();
  }

  /** Queues an answer; the last one queued is repeated for every further request. */
  public StubProvider answer(int status, String body, Map<String, String> headers) {
    synchronized (responses) {
      responses.add(new Response(status, body, headers));
    }
    return this;
  }

  public StubProvider answer(int status, String body) {
    return answer(status, body, Map.of());
  }

  /** Every answer from now on comes this late, as from a slow provider. */
  public StubProvider delay(Duration answerDelay) {
    this.delay = answerDelay;
    return this;
  }

  public String url() {
    return "http://localhost:" + server.getAddress().getPort();
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  /** The most requests this stub was answering at the same time. */
  public int mostAtOnce() {
    return mostAtOnce.get();
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
