package dev.cascade.intake.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import dev.cascade.intake.api.MessageRequestJson;
import dev.cascade.platform.http.Problem.FieldError;
import dev.cascade.platform.json.Json;
import dev.cascade.platform.json.Utf8;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How send-intake reads the body of {@code POST /v1/messages} and {@code PUT /v1/policies/{name}}: {@code application/json} (a charset,
 * if named, is UTF-8) without a content coding; well-formed UTF-8 (RFC 8259), one JSON object
 * with no duplicate names and nothing after it, nested at most {@value #MAX_DEPTH} deep, numbers
 * at most {@value #MAX_NUMBER_LENGTH} characters; and every field of its own type: {@code "60"} is
 * not 60, {@code 1} is not true and {@code 60} is not {@code "60"}.
 */
final class JsonBody {

  static final int MAX_DEPTH = 32;
  static final int MAX_NUMBER_LENGTH = 64;
  private static final ObjectMapper STRICT = strict(Json.mapper().copy());

  /** Why a request is refused: an answer for {@link dev.cascade.platform.http.Problem}. */
  record Refusal(int status, String title, String detail, List<FieldError> errors) {

    Refusal(int status, String title, String detail) {
      this(status, title, detail, List.of());
    }
  }

  /** The parsed request, or why there is none. */
  record Parsed(MessageRequestJson json, Refusal refusal) {}

  /** A parsed body of another type (a policy), or why there is none. */
  record ParsedAs<T>(T json, Refusal refusal) {}

  private JsonBody() {}

  private static ObjectMapper strict(ObjectMapper mapper) {
    mapper
        .getFactory()
        .setStreamReadConstraints(StreamReadConstraints.builder()
            .maxNestingDepth(MAX_DEPTH)
            .maxNumberLength(MAX_NUMBER_LENGTH)
            .build());
    mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
    mapper
        .coercionConfigFor(LogicalType.Textual)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    mapper
        .coercionConfigFor(LogicalType.Integer)
        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    mapper
        .coercionConfigFor(LogicalType.Boolean)
        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
    return mapper;
  }

  /** A 415 unless the body is declared UTF-8 JSON without a content coding. */
  static Optional<Refusal> checkHeaders(String contentType, String contentEncoding) {
    if (!isUtf8Json(contentType)) {
      return Optional.of(new Refusal(
          415, "Unsupported Media Type", "send the body as application/json, in UTF-8"));
    }
    if (contentEncoding != null
        && !contentEncoding.isBlank()
        && !contentEncoding.strip().equalsIgnoreCase("identity")) {
      return Optional.of(new Refusal(
          415,
          "Unsupported Media Type",
          "send the body without a content coding (Content-Encoding)"));
    }
    return Optional.empty();
  }

  private static boolean isUtf8Json(String contentType) {
    if (contentType == null) {
      return false;
    }
    String[] parts = contentType.split(";");
    if (!parts[0].strip().equalsIgnoreCase("application/json")) {
      return false;
    }
    for (int i = 1; i < parts.length; i++) {
      int equals = parts[i].indexOf('=');
      String name = (equals < 0 ? parts[i] : parts[i].substring(0, equals)).strip();
      String value = equals < 0 ? "" : parts[i].substring(equals + 1).strip().replace("\"", "");
      if (name.equalsIgnoreCase("charset") && !value.toLowerCase(Locale.ROOT).equals("utf-8")) {
        return false;
      }
    }
    return true;
  }

  /** The request in {@code body}: 400 when it is not one well-formed JSON object, 422 when a field has the wrong type. */
  static Parsed parse(byte[] body) {
    ParsedAs<MessageRequestJson> parsed = parse(body, MessageRequestJson.class);
    return new Parsed(parsed.json(), parsed.refusal());
  }

  /** The same for a body of any type, with the same strictness. */
  static <T> ParsedAs<T> parse(byte[] body, Class<T> type) {
    Optional<String> decoded = Utf8.decode(body);
    if (decoded.isEmpty()) {
      return refused(new Refusal(400, "Bad Request", "the body is not well-formed UTF-8"));
    }
    String text = decoded.get();
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1); // a byte order mark, which RFC 8259 lets a parser ignore
    }
    JsonNode tree;
    try {
      tree = STRICT.readTree(text);
    } catch (JsonProcessingException e) {
      return refused(new Refusal(400, "Bad Request", "malformed JSON: " + e.getOriginalMessage()));
    }
    if (tree == null || !tree.isObject()) {
      return refused(new Refusal(400, "Bad Request", "the body must be a JSON object"));
    }
    try {
      return new ParsedAs<>(STRICT.treeToValue(tree, type), null);
    } catch (JsonProcessingException e) {
      return refused(new Refusal(
          422,
          "Unprocessable Content",
          "a field has the wrong type",
          List.of(new FieldError(path(e), "has the wrong type"))));
    }
  }

  private static <T> ParsedAs<T> refused(Refusal refusal) {
    return new ParsedAs<>(null, refusal);
  }

  /** The JSON path of a mismatched field, e.g. steps[0].fallback.afterSeconds. */
  private static String path(JsonProcessingException e) {
    StringBuilder path = new StringBuilder();
    if (e instanceof JsonMappingException mapping) {
      for (var reference : mapping.getPath()) {
        if (reference.getFieldName() != null) {
          path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
        } else if (reference.getIndex() >= 0) {
          path.append('[').append(reference.getIndex()).append(']');
        }
      }
    }
    return path.isEmpty() ? "$" : path.toString();
  }
}
