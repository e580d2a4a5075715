package dev.cascade.platform.requests;

/** One broken rule of a send request: the field's path ({@code steps[1].fallback.on[0]}) and why. */
public record Violation(String field, String detail) {

  @Override
  public String toString() {
    return field + ": " + detail;
  }
}
