package dev.cascade.dlringest.reports;

/** A webhook body that does not have the provider's shape; the message says what is wrong. */
public final class MalformedReportException extends Exception {
  private static final long serialVersionUID = 1L;

  public MalformedReportException(String message) {
    super(message);
  }
}
