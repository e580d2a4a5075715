package dev.cascade.dlringest.reports;

import java.util.Objects;
import java.util.Optional;

/** A provider's check that a webhook endpoint is ours: echo {@code answer} when it is, else refuse. */
public record Handshake(Optional<String> answer) {

  public Handshake {
    Objects.requireNonNull(answer, "answer");
  }

  public static Handshake answer(String text) {
    return new Handshake(Optional.of(text));
  }

  public static Handshake refused() {
    return new Handshake(Optional.empty());
  }
}
