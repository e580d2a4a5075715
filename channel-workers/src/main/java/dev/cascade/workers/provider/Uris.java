package dev.cascade.workers.provider;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Encoding of values that providers' URLs carry (numbers, sender ids, message ids). */
public final class Uris {

  private Uris() {}

  /**
   * {@code value} percent-encoded so it is safe both as a path segment and as a query value
   * (a space is {@code %20}, never {@code +}): a sender is user input and must not break a URL.
   */
  public static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
