package dev.cascade.dev;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cascade.platform.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real headless Chromium driven over the Chrome DevTools protocol: a WebSocket from
 * java.net.http to the page's debugging target, JSON commands, answers matched by id. Enough to
 * run script in the page, read the DOM, and take a screenshot; the log of the page (CSP violations
 * included) is collected.
 */
final class HeadlessChromium implements AutoCloseable {

  private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");

  private final Process process;
  private final Path profile;
  private final WebSocket socket;
  private final Listener listener;
  private final AtomicInteger ids = new AtomicInteger();

  private HeadlessChromium(Process process, Path profile, WebSocket socket, Listener listener) {
    this.process = process;
    this.profile = profile;
    this.socket = socket;
    this.listener = listener;
  }

  /** The Chromium binary: {@code CHROME_BIN}, else chromium or chromium-browser on PATH; null if none. */
  static Path find() {
    String configured = System.getenv("CHROME_BIN");
    if (configured != null && !configured.isBlank() && Files.isExecutable(Path.of(configured))) {
      return Path.of(configured);
    }
    for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
      Path found = PrometheusServer.onPath(name);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  /** Starts Chromium headless on {@code url} and attaches to that page. */
  static HeadlessChromium open(Path binary, String url) throws Exception {
    Path profile = Files.createTempDirectory("cascade-chromium");
    Process process = new ProcessBuilder(
            binary.toString(),
            "--headless=new",
            "--no-sandbox", // CI runs as root, where Chromium's sandbox cannot start
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--no-first-run",
            "--no-default-browser-check",
            "--user-data-dir=" + profile,
            "--remote-debugging-port=0",
            "--window-size=1500,1100",
            url)
        .redirectErrorStream(true)
        .start();
    try {
      URI browser = URI.create(awaitDevToolsAddress(process));
      String base = "http://" + browser.getHost() + ":" + browser.getPort();
      String pageSocket = pageTarget(base, url);
      Listener listener = new Listener();
      WebSocket socket = HttpClient.newHttpClient()
          .newWebSocketBuilder()
          .buildAsync(URI.create(pageSocket), listener)
          .get(10, TimeUnit.SECONDS);
      HeadlessChromium attached = new HeadlessChromium(process, profile, socket, listener);
      attached.call("Log.enable", Json.mapper().createObjectNode());
      attached.call("Runtime.enable", Json.mapper().createObjectNode());
      return attached;
    } catch (Exception e) {
      process.destroyForcibly();
      throw e;
    }
  }

  /** Log entries and console messages of the page so far (CSP violations are reported there). */
  List<JsonNode> log() {
    return List.copyOf(listener.logEntries);
  }

  private static String awaitDevToolsAddress(Process process) throws IOException {
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    List<String> seen = new ArrayList<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    String line;
    while (System.nanoTime() < deadline && (line = out.readLine()) != null) {
      Matcher matcher = LISTENING.matcher(line);
      if (matcher.find()) {
        Thread.ofPlatform().daemon().start(() -> drain(out)); // keep the pipe from filling up
        return matcher.group(1);
      }
      seen.add(line);
    }
    throw new IllegalStateException("Chromium did not open its DevTools port: " + seen);
  }

  private static void drain(BufferedReader out) {
    try {
      while (out.readLine() != null) {
        // Chromium's own diagnostics: not needed
      }
    } catch (IOException e) {
      // the process ended
    }
  }

  private static String pageTarget(String base, String url) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      HttpResponse<String> targets = http.send(
          HttpRequest.newBuilder(URI.create(base + "/json/list")).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      for (JsonNode target : Json.mapper().readTree(targets.body())) {
        if ("page".equals(target.path("type").asText())) {
          return target.path("webSocketDebuggerUrl").asText();
        }
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("Chromium opened no page for " + url);
  }

  /** Sends one DevTools command and waits for its result. */
  JsonNode call(String method, ObjectNode params) throws Exception {
    int id = ids.incrementAndGet();
    CompletableFuture<JsonNode> answer = new CompletableFuture<>();
    listener.pending.put(id, answer);
    ObjectNode command = Json.mapper().createObjectNode();
    command.put("id", id).put("method", method).set("params", params);
    socket.sendText(Json.mapper().writeValueAsString(command), true).get(10, TimeUnit.SECONDS);
    JsonNode reply = answer.get(30, TimeUnit.SECONDS);
    if (reply.has("error")) {
      throw new IllegalStateException(method + " failed: " + reply.get("error"));
    }
    return reply.path("result");
  }

  /** Evaluates {@code expression} in the page (awaiting a promise) and returns its JSON value. */
  JsonNode evaluate(String expression) throws Exception {
    ObjectNode params = Json.mapper().createObjectNode();
    params.put("expression", expression).put("returnByValue", true).put("awaitPromise", true);
    JsonNode result = call("Runtime.evaluate", params);
    if (result.has("exceptionDetails")) {
      throw new IllegalStateException("script failed: " + result.get("exceptionDetails"));
    }
    return result.path("result").path("value");
  }

  /** Saves a PNG of the whole page to {@code file}. */
  void screenshot(Path file) throws Exception {
    ObjectNode params = Json.mapper().createObjectNode();
    params.put("format", "png").put("captureBeyondViewport", true);
    JsonNode result = call("Page.captureScreenshot", params);
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.write(file, Base64.getDecoder().decode(result.path("data").asText()));
  }

  @Override
  public void close() {
    try {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      // the browser goes anyway
    }
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    deleteQuietly(profile);
  }

  private static void deleteQuietly(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths
          .sorted(java.util.Comparator.reverseOrder())
          .forEach(path -> path.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // a temporary profile left behind is harmless
    }
  }

  /** Collects whole text messages, completes commands by id and keeps log events. */
  private static final class Listener implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<JsonNode> logEntries = new CopyOnWriteArrayList<>();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        String message = partial.toString();
        partial.setLength(0);
        try {
          JsonNode json = Json.mapper().readTree(message);
          if (json.has("id")) {
            CompletableFuture<JsonNode> answer = pending.remove(json.get("id").asInt());
            if (answer != null) {
              answer.complete(json);
            }
          } else if ("Log.entryAdded".equals(json.path("method").asText())
              || "Runtime.consoleAPICalled".equals(json.path("method").asText())
              || "Runtime.exceptionThrown".equals(json.path("method").asText())) {
            logEntries.add(json.path("params"));
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      webSocket.request(1);
      return null;
    }
  }
}
