package dev.cascade.intake.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cascade.platform.http.Problem.FieldError;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonBodyTest {

  private static final String VALID = """
      {"to": "+393401231100", "simulation": false,
       "steps": [{"channel": "SMS", "sender": "Banca", "content": {"text": "Ciao"},
                  "validitySeconds": 3600}]}""";

  @Test
  void aWellFormedRequestParses() {
    JsonBody.Parsed parsed = JsonBody.parse(utf8(VALID));

    assertThat(parsed.refusal()).isNull();
    assertThat(parsed.json().steps().getFirst().validitySeconds()).isEqualTo(3600);
  }

  @Test
  void utf8JsonWithOrWithoutCharsetIsTakenAnyOtherMediaTypeOrCodingIs415() {
    assertThat(JsonBody.checkHeaders("application/json", null)).isEmpty();
    assertThat(JsonBody.checkHeaders("Application/JSON; charset=UTF-8", "identity"))
        .isEmpty();
    assertThat(JsonBody.checkHeaders("application/json;charset=\"utf-8\"", null))
        .isEmpty();

    for (String contentType : new String[] {
      null,
      "",
      "text/plain",
      "application/jsonx",
      "application/json-patch+json",
      "application/json; charset=utf-16",
      "application/json; charset=iso-8859-1"
    }) {
      assertThat(JsonBody.checkHeaders(contentType, null))
          .as(contentType)
          .hasValueSatisfying(refusal -> assertThat(refusal.status()).isEqualTo(415));
    }
    assertThat(JsonBody.checkHeaders("application/json", "gzip"))
        .hasValueSatisfying(refusal -> assertThat(refusal.status()).isEqualTo(415));
  }

  @Test
  void aValueOfAnotherTypeIsNotCoercedButRefusedNamingTheField() {
    assertWrongType(VALID.replace("3600", "\"3600\""), "steps[0].validitySeconds");
    assertWrongType(VALID.replace("3600", "3600.0"), "steps[0].validitySeconds");
    assertWrongType(VALID.replace("3600", "true"), "steps[0].validitySeconds");
    assertWrongType(VALID.replace("false", "0"), "simulation");
    assertWrongType(VALID.replace("false", "\"false\""), "simulation");
    assertWrongType(VALID.replace("\"Banca\"", "42"), "steps[0].sender");
    assertWrongType(VALID.replace("\"Banca\"", "true"), "steps[0].sender");
    assertWrongType(VALID.replace("\"+393401231100\"", "393401231100"), "to");
  }

  @Test
  void onlyOneWellFormedObjectInStrictUtf8Parses() {
    assertMalformed(VALID + " {}", "trailing data");
    assertMalformed(VALID.replace("{\"to\"", "{\"to\": \"x\", \"to\""), "a duplicate name");
    assertMalformed("[" + VALID + "]", "an array");
    assertMalformed(nested(32), "33 levels of nesting");
    assertMalformed(VALID.replace("3600", "1" + "0".repeat(64)), "a 65-digit number");
    assertMalformed(VALID.replace("{\"to\"", "{/* */\"to\""), "a comment");
    byte[] overlong = utf8(VALID.replace("Ciao", "Ci@o"));
    overlong[indexOf(overlong, (byte) '@')] = (byte) 0xC0; // C0 AF: an overlong '/'
    assertThat(JsonBody.parse(insertAfter(overlong, (byte) 0xC0, (byte) 0xAF))
            .refusal()
            .detail())
        .isEqualTo("the body is not well-formed UTF-8");
    assertThat(JsonBody.parse(VALID.getBytes(StandardCharsets.UTF_16)).refusal().status())
        .isEqualTo(400);
  }

  @Test
  void thirtyTwoLevelsOfNestingInAnUnknownFieldAreIgnoredLikeTheField() {
    assertThat(JsonBody.parse(utf8(nested(31))).refusal()).isNull();
  }

  /** The valid request with an unknown field holding {@code arrays} nested arrays. */
  private static String nested(int arrays) {
    return VALID.replace(
        "{\"to\"", "{\"x\": " + "[".repeat(arrays) + "]".repeat(arrays) + ", \"to\"");
  }

  @Test
  void aLeadingByteOrderMarkIsIgnored() {
    assertThat(JsonBody.parse(utf8("\uFEFF" + VALID)).refusal()).isNull();
  }

  private static void assertWrongType(String body, String field) {
    JsonBody.Refusal refusal = JsonBody.parse(utf8(body)).refusal();

    assertThat(refusal).as(body).isNotNull();
    assertThat(refusal.status()).isEqualTo(422);
    assertThat(refusal.errors()).containsExactly(new FieldError(field, "has the wrong type"));
  }

  private static void assertMalformed(String body, String what) {
    JsonBody.Refusal refusal = JsonBody.parse(utf8(body)).refusal();

    assertThat(refusal).as(what).isNotNull();
    assertThat(refusal.status()).as(what).isEqualTo(400);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static int indexOf(byte[] bytes, byte value) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == value) {
        return i;
      }
    }
    throw new IllegalArgumentException("not found");
  }

  private static byte[] insertAfter(byte[] bytes, byte after, byte inserted) {
    int at = indexOf(bytes, after) + 1;
    byte[] result = new byte[bytes.length + 1];
    System.arraycopy(bytes, 0, result, 0, at);
    result[at] = inserted;
    System.arraycopy(bytes, at, result, at + 1, bytes.length - at);
    return result;
  }
}
