package dev.cascade.schemas.serde;

import org.apache.kafka.common.errors.SerializationException;

/** A record that cannot be encoded or decoded; the message names the topic and the problem. */
public final class AvroSerdeException extends SerializationException {
  private static final long serialVersionUID = 1L;

  public AvroSerdeException(String message, Throwable cause) {
    super(message, cause);
  }
}
