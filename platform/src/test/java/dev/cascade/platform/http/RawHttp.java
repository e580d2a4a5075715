package dev.cascade.platform.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, byte for byte as written: what {@link java.net.http.HttpClient}
 * refuses to send (wrong Content-Length, raw non-ASCII header bytes, folded headers) goes out as
 * is. One request per connection; the body is written on its own thread, so a server that answers
 * before reading all of it is still heard.
 */
public final class RawHttp {

  /** What came back: no status (-1) when the connection closed or timed out before a status line. */
  public record Response(int status, Map<String, String> headers, byte[] body, String failure) {

    public String contentType() {
      return headers.getOrDefault("content-type", "");
    }

    public String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
      return status < 0
          ? "no answer (" + failure + ")"
          : status + " " + contentType() + " " + abbreviated(bodyText());
    }

    private static String abbreviated(String text) {
      return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
  }

  private RawHttp() {}

  /**
   * Sends {@code head} (request line and headers, each line ending CRLF, the blank line included)
   * then {@code body}; half-closes the connection after the body when {@code halfClose}.
   */
  public static Response exchange(
      int port, byte[] head, byte[] body, boolean halfClose, Duration timeout) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("localhost", port), (int) timeout.toMillis());
      socket.setSoTimeout((int) timeout.toMillis());
      OutputStream out = socket.getOutputStream();
      Thread writer = Thread.ofVirtual().start(() -> {
        try {
          out.write(head);
          for (int offset = 0; offset < body.length; offset += 64 * 1024) {
            out.write(body, offset, Math.min(64 * 1024, body.length - offset));
          }
          out.flush();
          if (halfClose) {
            socket.shutdownOutput();
          }
        } catch (IOException e) {
          // the server answered and closed before reading everything: its answer is read below
        }
      });
      byte[] received = readAll(socket.getInputStream());
      writer.join(timeout.toMillis());
      return parse(received, null);
    } catch (SocketTimeoutException e) {
      return new Response(-1, Map.of(), new byte[0], "timed out after " + timeout);
    } catch (IOException e) {
      return new Response(-1, Map.of(), new byte[0], e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Response(-1, Map.of(), new byte[0], "interrupted");
    }
  }

  /** Everything until the server closes; what arrived before a reset still counts. */
  private static byte[] readAll(InputStream in) throws IOException {
    ByteArrayOutputStream received = new ByteArrayOutputStream();
    byte[] buffer = new byte[16 * 1024];
    try {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        received.write(buffer, 0, n);
      }
    } catch (SocketTimeoutException e) {
      if (received.size() == 0) {
        throw e;
      }
    } catch (IOException e) {
      if (received.size() == 0) {
        throw e;
      }
    }
    return received.toByteArray();
  }

  private static Response parse(byte[] received, String failure) {
    int end = indexOf(received, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    if (end < 0) {
      return new Response(
          -1, Map.of(), received, "no complete response head in " + received.length + " bytes");
    }
    String[] lines = new String(received, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
    String[] statusLine = lines[0].split(" ", 3);
    if (statusLine[1].startsWith("1")) { // an interim answer (100 Continue): the final one follows
      return parse(Arrays.copyOfRange(received, end + 4, received.length), failure);
    }
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.putIfAbsent(
            lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
            lines[i].substring(colon + 1).strip());
      }
    }
    byte[] body = Arrays.copyOfRange(received, end + 4, received.length);
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      body = dechunked(body);
    }
    return new Response(Integer.parseInt(statusLine[1]), headers, body, failure);
  }

  private static byte[] dechunked(byte[] chunked) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    int at = 0;
    while (at < chunked.length) {
      int lineEnd =
          indexOf(Arrays.copyOfRange(chunked, at, chunked.length), new byte[] {'\r', '\n'});
      if (lineEnd < 0) {
        break;
      }
      String sizeText = new String(chunked, at, lineEnd, StandardCharsets.US_ASCII).split(";")[0];
      int size = Integer.parseInt(sizeText.strip(), 16);
      at += lineEnd + 2;
      if (size == 0 || at + size > chunked.length) {
        break;
      }
      body.write(chunked, at, size);
      at += size + 2;
    }
    return body.toByteArray();
  }

  private static int indexOf(byte[] data, byte[] pattern) {
    outer:
    for (int i = 0; i + pattern.length <= data.length; i++) {
      for (int j = 0; j < pattern.length; j++) {
        if (data[i + j] != pattern[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
