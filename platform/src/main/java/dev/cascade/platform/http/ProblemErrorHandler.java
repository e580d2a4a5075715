package dev.cascade.platform.http;

import io.javalin.http.HttpStatus;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * Jetty's answers to requests it refuses before Cascade sees them (a malformed Content-Length or
 * header line, headers too large, a missing Host) as problem+json, like every other error answer,
 * instead of Jetty's HTML page.
 */
final class ProblemErrorHandler extends ErrorHandler {

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(HttpHeader.CONTENT_TYPE, Problem.CONTENT_TYPE);
    return ByteBuffer.wrap(Problem.body(status, title(status), detail(status, reason), null));
  }

  @Override
  protected void generateAcceptableResponse(
      Request baseRequest,
      HttpServletRequest request,
      HttpServletResponse response,
      int code,
      String message)
      throws IOException {
    baseRequest.setHandled(true);
    response.setContentType(Problem.CONTENT_TYPE);
    response
        .getOutputStream()
        .write(Problem.body(code, title(code), detail(code, message), request.getRequestURI()));
  }

  private static String title(int status) {
    HttpStatus known = HttpStatus.forStatus(status);
    return known == HttpStatus.UNKNOWN ? "Error " + status : known.getMessage();
  }

  private static String detail(int status, String reason) {
    return reason == null || reason.isBlank() ? title(status) : reason;
  }
}
