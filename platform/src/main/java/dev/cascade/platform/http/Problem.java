package dev.cascade.platform.http;

import dev.cascade.platform.json.Json;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** RFC 9457 problem details ({@code application/problem+json}) for every error answer. */
public final class Problem {

  private static final Logger LOGGER = LoggerFactory.getLogger(Problem.class);
  public static final String CONTENT_TYPE = "application/problem+json";

  /** One bad field of a request: a JSON pointer-like path and what is wrong with it. */
  public record FieldError(String field, String detail) {}

  private Problem() {}

  public static void send(Context ctx, int status, String title, String detail) {
    send(ctx, status, title, detail, List.of());
  }

  public static void send(
      Context ctx, int status, String title, String detail, List<FieldError> errors) {
    ctx.status(status)
        .json(fields(status, title, detail, ctx.path(), errors))
        .contentType(CONTENT_TYPE);
  }

  /** A problem as JSON bytes, for answers written outside a Javalin handler. */
  static byte[] body(int status, String title, String detail, String instance) {
    return Json.bytes(fields(status, title, detail, instance, List.of()));
  }

  private static Map<String, Object> fields(
      int status, String title, String detail, String instance, List<FieldError> errors) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "about:blank");
    body.put("title", title);
    body.put("status", status);
    body.put("detail", detail);
    if (instance != null) {
      body.put("instance", instance);
    }
    if (!errors.isEmpty()) {
      body.put("errors", errors);
    }
    return body;
  }

  static void internalError(Context ctx, Exception error) {
    LOGGER.atError().setCause(error).addKeyValue("path", ctx.path()).log("request failed");
    send(ctx, 500, "Internal Server Error", "the request could not be processed");
  }
}
