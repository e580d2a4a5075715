package dev.cascade.platform.sms;

import java.util.ArrayList;
import java.util.List;

/**
 * How a text travels as SMS: GSM 03.38 7-bit (with the extension table, whose characters take an
 * escape septet and so count 2) when every character fits, else UCS-2 (UTF-16 code units, a
 * character outside the BMP counts 2). A single part holds 160 septets or 70 units; a
 * concatenated part 153 or 67, because the UDH takes the rest. Parts never split an escape pair
 * or a surrogate pair.
 */
public final class SmsEncoding {

  /** The two data codings Cascade sends. */
  public enum Encoding {
    GSM7,
    UCS2
  }

  /** A text's encoding, its length (septets for GSM7, UTF-16 units for UCS2) and its parts. */
  public record SmsInfo(Encoding encoding, int length, int parts) {}

  private static final String GSM_BASIC =
      "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001BÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
          + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
  private static final String GSM_EXTENSION = "\f^{}\\[~]|€";
  /** The code of each GSM_EXTENSION character in the extension table, after the 0x1B escape. */
  private static final byte[] GSM_EXTENSION_CODES = {
    0x0A, 0x14, 0x28, 0x29, 0x2F, 0x3C, 0x3D, 0x3E, 0x40, 0x65
  };

  private static final char ESCAPE = '\u001B';

  private SmsEncoding() {}

  public static SmsInfo analyze(String text) {
    Encoding encoding = encodingOf(text);
    int length = encoding == Encoding.GSM7 ? septets(text) : text.length();
    return new SmsInfo(encoding, length, split(text, encoding).size());
  }

  /** The texts of the parts the message is sent as. */
  public static List<String> split(String text) {
    return split(text, encodingOf(text));
  }

  /**
   * The longest start of {@code text} that fits in {@code maxParts}: whole lines while they fit
   * (a carousel's titles), else cut at a character.
   */
  public static String truncateToParts(String text, int maxParts) {
    if (analyze(text).parts() <= maxParts) {
      return text;
    }
    String kept = text;
    while (kept.contains("\n") && analyze(kept).parts() > maxParts) {
      kept = kept.substring(0, kept.lastIndexOf('\n'));
    }
    while (!kept.isEmpty() && analyze(kept).parts() > maxParts) {
      kept = kept.substring(0, kept.offsetByCodePoints(kept.length(), -1));
    }
    return kept;
  }

  /**
   * The text as GSM 03.38 septets, one per byte (unpacked, as SMPP carries data_coding 0):
   * extension characters as the escape 0x1B and their code.
   */
  public static byte[] gsmSeptets(String text) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(text.length() + 8);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      int extension = GSM_EXTENSION.indexOf(c);
      if (extension >= 0) {
        out.write(ESCAPE);
        out.write(GSM_EXTENSION_CODES[extension]);
      } else {
        int code = GSM_BASIC.indexOf(c);
        if (code < 0 || c == ESCAPE) {
          throw new IllegalArgumentException(
              "not a GSM 03.38 character: U+" + Integer.toHexString(c));
        }
        out.write(code);
      }
    }
    return out.toByteArray();
  }

  static Encoding encodingOf(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == ESCAPE || GSM_BASIC.indexOf(c) < 0 && GSM_EXTENSION.indexOf(c) < 0) {
        return Encoding.UCS2;
      }
    }
    return Encoding.GSM7;
  }

  private static int septets(String text) {
    int septets = 0;
    for (int i = 0; i < text.length(); i++) {
      septets += GSM_EXTENSION.indexOf(text.charAt(i)) >= 0 ? 2 : 1;
    }
    return septets;
  }

  private static List<String> split(String text, Encoding encoding) {
    int single = encoding == Encoding.GSM7 ? 160 : 70;
    int perPart = encoding == Encoding.GSM7 ? 153 : 67;
    int total = encoding == Encoding.GSM7 ? septets(text) : text.length();
    if (total <= single) {
      return List.of(text);
    }
    List<String> parts = new ArrayList<>();
    int start = 0;
    int used = 0;
    int i = 0;
    while (i < text.length()) {
      // one character: a code point in UCS-2 (a surrogate pair stays whole), a septet or escape
      // pair in GSM7
      int width = encoding == Encoding.GSM7
          ? (GSM_EXTENSION.indexOf(text.charAt(i)) >= 0 ? 2 : 1)
          : Character.charCount(text.codePointAt(i));
      int chars = encoding == Encoding.GSM7 ? 1 : width;
      if (used + width > perPart) {
        parts.add(text.substring(start, i));
        start = i;
        used = 0;
      }
      used += width;
      i += chars;
    }
    parts.add(text.substring(start));
    return parts;
  }
}
