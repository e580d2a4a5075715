package dev.cascade.platform.json;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Strict UTF-8, as JSON between systems must be (RFC 8259): Jackson's own decoding lets overlong
 * forms, stray bytes and code points above U+10FFFF through inside strings, so bodies are decoded
 * here first.
 */
public final class Utf8 {

  private Utf8() {}

  /** The text of {@code bytes}, empty unless they are well-formed UTF-8. */
  public static Optional<String> decode(byte[] bytes) {
    try {
      return Optional.of(StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }

  public static boolean isWellFormed(byte[] bytes) {
    return decode(bytes).isPresent();
  }
}
