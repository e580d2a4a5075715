package dev.cascade.platform.http;

import io.javalin.http.Context;
import java.io.IOException;
import org.eclipse.jetty.http.BadMessageException;

/**
 * A request body read with a limit: never more than the limit plus one byte is read, and a body
 * that cannot be read (cut short, broken chunking) is the client's fault, answered 400 rather than
 * an error of ours.
 */
public final class RequestBody {

  /** What reading gave: the bytes, or why the request is refused. */
  public sealed interface Result {}

  public record Read(byte[] bytes) implements Result {}

  /** The request is refused; answer it with {@link Problem#send(Context, int, String, String)}. */
  public record Refused(int status, String title, String detail) implements Result {}

  private RequestBody() {}

  /** At most {@code maxBytes} of the body; 413 beyond, 400 when it cannot be read. */
  public static Result read(Context ctx, int maxBytes) {
    long declared = ctx.req().getContentLengthLong();
    if (declared > maxBytes) {
      return tooLarge(declared + " bytes", maxBytes);
    }
    byte[] body;
    try {
      body = ctx.req().getInputStream().readNBytes(maxBytes + 1);
    } catch (IOException | BadMessageException e) {
      return new Refused(
          400, "Bad Request", "the body could not be read: it is cut short or badly chunked");
    }
    return body.length > maxBytes
        ? tooLarge("over " + maxBytes + " bytes", maxBytes)
        : new Read(body);
  }

  private static Refused tooLarge(String size, int maxBytes) {
    return new Refused(
        413, "Content Too Large", "the body is " + size + "; at most " + maxBytes + " bytes");
  }
}
