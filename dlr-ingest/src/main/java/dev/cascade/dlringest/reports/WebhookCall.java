package dev.cascade.dlringest.reports;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** What a webhook call brought: the raw body, its headers (any case) and query parameters. */
public record WebhookCall(byte[] body, Map<String, String> headers, Map<String, String> query) {

  public WebhookCall {
    Map<String, String> anyCase = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    anyCase.putAll(headers);
    headers = Collections.unmodifiableMap(anyCase);
    query = Map.copyOf(query);
  }

  public static WebhookCall post(byte[] body, Map<String, String> headers) {
    return new WebhookCall(body, headers, Map.of());
  }

  public static WebhookCall get(Map<String, String> query) {
    return new WebhookCall(new byte[0], Map.of(), query);
  }

  /** The header's value, or null. */
  public String header(String name) {
    return headers.get(name);
  }

  /** The query parameter's value, or null. */
  public String query(String name) {
    return query.get(name);
  }
}
