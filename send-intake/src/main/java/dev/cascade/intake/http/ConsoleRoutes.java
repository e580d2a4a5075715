package dev.cascade.intake.http;

import dev.cascade.platform.http.Problem;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The operator console (SPEC section 10): plain HTML, JavaScript and CSS served from the jar at
 * {@code /console}. The page calls the public API with the key the operator types once; it has
 * no inline script or style, so a strict Content-Security-Policy holds.
 */
public final class ConsoleRoutes {

  private static final String RESOURCES = "/console/";
  static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; "
      + "style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; "
      + "form-action 'none'; frame-ancestors 'none'";

  /** The files the console is made of, and their content types. */
  private static final Map<String, String> FILES = Map.of(
      "index.html", "text/html; charset=utf-8",
      "console.js", "text/javascript; charset=utf-8",
      "console.css", "text/css; charset=utf-8");

  private final Map<String, byte[]> contents;

  public ConsoleRoutes() {
    this.contents = Map.of(
        "index.html", load("index.html"),
        "console.js", load("console.js"),
        "console.css", load("console.css"));
  }

  public void register(Javalin app) {
    app.get("/console", ctx -> serve(ctx, "index.html"));
    app.get("/console/", ctx -> serve(ctx, "index.html"));
    app.get("/console/{file}", ctx -> serve(ctx, ctx.pathParam("file")));
  }

  private void serve(Context ctx, String file) {
    byte[] content = contents.get(file);
    if (content == null) {
      Problem.send(ctx, 404, "Not Found", "the console has no file " + file);
      return;
    }
    ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        .header("X-Content-Type-Options", "nosniff")
        .header("Referrer-Policy", "no-referrer")
        .header("Cache-Control", "no-cache")
        .contentType(FILES.get(file))
        .result(content);
  }

  private static byte[] load(String file) {
    try (InputStream in = ConsoleRoutes.class.getResourceAsStream(RESOURCES + file)) {
      if (in == null) {
        throw new IllegalStateException("the console file " + file + " is not in the jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
