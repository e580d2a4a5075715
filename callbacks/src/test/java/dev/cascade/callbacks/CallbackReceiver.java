package dev.cascade.callbacks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.function.BiPredicate;

/**
 * A real HTTP receiver of callbacks on the loopback interface: records every call (headers and
 * body) and answers 503 when {@code failing} says so for the call's path and its number on that
 * path (1, 2, ...), else 204.
 */
final class CallbackReceiver implements AutoCloseable {

  /** One call as it arrived. */
  record Call(
      int number,
      String path,
      String event,
      String deliveryId,
      String signature,
      byte[] body,
      int answered,
      Instant at) {

    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    boolean delivered() {
      return answered / 100 == 2;
    }
  }

  private final HttpServer server;
  private final List<Call> calls = new ArrayList<>();
  private volatile BiPredicate<String, Integer> failing;

  CallbackReceiver(BiPredicate<String, Integer> failing) throws IOException {
    this.failing = failing;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext("/", this::handle);
    server.start();
  }

  void failWhile(BiPredicate<String, Integer> failing) {
    this.failing = failing;
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  private void handle(HttpExchange exchange) throws IOException {
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readAllBytes();
    }
    String path = exchange.getRequestURI().getPath();
    int status;
    synchronized (calls) {
      int number = (int) calls.stream().filter(call -> call.path().equals(path)).count() + 1;
      status =
          exchange.getRequestMethod().equals("POST") && !failing.test(path, number) ? 204 : 503;
      calls.add(new Call(
          number,
          path,
          exchange.getRequestHeaders().getFirst("Cascade-Event"),
          exchange.getRequestHeaders().getFirst("Cascade-Delivery"),
          exchange.getRequestHeaders().getFirst("Cascade-Signature"),
          body,
          status,
          Instant.now()));
    }
    exchange.sendResponseHeaders(status, -1);
    exchange.close();
  }

  List<Call> calls() {
    synchronized (calls) {
      return List.copyOf(calls);
    }
  }

  List<Call> calls(String path) {
    return calls().stream().filter(call -> call.path().equals(path)).toList();
  }

  List<Call> delivered(String path) {
    return calls(path).stream().filter(Call::delivered).toList();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
