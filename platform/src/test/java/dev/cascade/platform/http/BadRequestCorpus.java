package dev.cascade.platform.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * A generated corpus of bad HTTP requests to one endpoint, repeatable from its seed: broken JSON
 * (truncated, invalid UTF-8, control characters, trailing garbage, duplicate names), values of the
 * wrong type, 10,000-deep nesting, huge numbers, oversized bodies, other encodings, content types
 * and codings, missing or forged credentials, and broken HTTP framing (Content-Length,
 * Transfer-Encoding, Host, header syntax and size). Every request is bad in a way the endpoint
 * must refuse with a 4xx; the {@link Target} says what is authentic and what is typed.
 */
public final class BadRequestCorpus {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String RAW = "@@corpus-raw@@";
  private static final int DEEP = 10_000;
  private static final int RANDOM_FAULTS = 300;

  /** One request: what is wrong with it, and its bytes as they go on the wire. */
  public record BadRequest(String fault, byte[] head, byte[] body, boolean halfClose) {

    public RawHttp.Response send(int port, java.time.Duration timeout) {
      return RawHttp.exchange(port, head, body, halfClose, timeout);
    }
  }

  /** A body and the headers that make it authentic (an API key, a signature). */
  public record Carried(byte[] body, Map<String, String> headers) {}

  /** The endpoint under test. */
  public interface Target {

    String path();

    /** A document the endpoint takes (for RBM the event inside the Pub/Sub envelope). */
    byte[] validDocument();

    /** The request body carrying {@code document}, with the headers that authenticate it. */
    Carried carry(byte[] document);

    /** Headers that must not authenticate {@code body}: missing, wrong or forged credentials. */
    List<Map<String, String>> forgeries(byte[] body);

    /**
     * JSON pointers into the valid document ("" is the root) where a value of another type makes
     * the request bad.
     */
    List<String> typedPaths();

    /**
     * Whether the endpoint refuses a valid document in another encoding or content type, with
     * trailing data or duplicate names (send-intake); a webhook takes what its provider signed.
     */
    boolean strict();

    /** The largest body the endpoint reads. */
    int maxBodyBytes();

    /** Requests only this endpoint has reason to refuse (e.g. a broken Pub/Sub envelope). */
    default List<Carried> extraFaults() {
      return List.of();
    }
  }

  private final Target target;
  private final Random random;
  private final byte[] document;
  private final List<BadRequest> corpus = new ArrayList<>();

  private BadRequestCorpus(Target target, long seed) {
    this.target = target;
    this.random = new Random(seed);
    this.document = target.validDocument();
  }

  /** At least {@code size} bad requests to {@code target}, the same for the same seed. */
  public static List<BadRequest> generate(Target target, long seed, int size) {
    BadRequestCorpus generator = new BadRequestCorpus(target, seed);
    generator.wrongTypes();
    generator.hugeNumbers();
    generator.deepNesting();
    generator.brokenJson();
    generator.oversized();
    generator.mediaTypes();
    generator.credentials();
    generator.framing();
    generator.extras();
    for (int i = 0; i < RANDOM_FAULTS; i++) {
      generator.randomFault();
    }
    while (generator.corpus.size() < size) {
      generator.randomFault();
    }
    return List.copyOf(generator.corpus);
  }

  private void wrongTypes() {
    for (String path : target.typedPaths()) {
      JsonNode original = tree().at(path);
      for (String replacement : wrongTypesFor(original)) {
        authentic("wrong type at '" + path + "': " + replacement, replaced(path, replacement));
      }
    }
  }

  private static List<String> wrongTypesFor(JsonNode node) {
    if (node.isTextual()) {
      return List.of("123", "1.5", "true", "[]", "{}", "[" + node + "]", "{\"a\":\"b\"}");
    }
    if (node.isNumber()) {
      return List.of(
          "\"" + node.asText() + "\"",
          "\"\"",
          "1.5",
          node.asText() + ".0",
          "true",
          "[]",
          "{}",
          "[" + node.asText() + "]");
    }
    if (node.isBoolean()) {
      return List.of("\"" + node.asText() + "\"", "0", "1", "\"\"", "[]", "{}");
    }
    if (node.isArray()) {
      return List.of("\"x\"", "1", "true", "{}", "{\"0\":" + first(node) + "}");
    }
    return List.of("\"x\"", "1", "false", "[]", "[" + node + "]");
  }

  private static String first(JsonNode array) {
    return array.isEmpty() ? "null" : array.get(0).toString();
  }

  private void hugeNumbers() {
    List<String> numbers = List.of(
        "1e999999999",
        "-1e999999999",
        "1E+2147483648",
        "9".repeat(2_000),
        "9".repeat(999),
        "-" + "9".repeat(999),
        "99999999999",
        "4294967296",
        "2147483648",
        "-2147483649",
        "1e308",
        "1e309",
        "0.1e-999999",
        "123456789.123456789e123456789",
        "-0",
        "0");
    for (String path : hugeNumberPaths()) {
      for (String number : numbers) {
        authentic("huge number at '" + path + "': " + abbreviate(number), replaced(path, number));
      }
    }
    // a number too long to parse is refused wherever it stands
    authentic("a 100,000-digit number", withUnknownField("7".repeat(100_000)));
  }

  /** Every numeric typed path and the root, and a few others. */
  private List<String> hugeNumberPaths() {
    List<String> paths = new ArrayList<>();
    List<String> others = new ArrayList<>();
    for (String path : target.typedPaths()) {
      (path.isEmpty() || tree().at(path).isNumber() ? paths : others).add(path);
    }
    for (int i = 0; i < 4 && !others.isEmpty(); i++) {
      paths.add(others.remove(random.nextInt(others.size())));
    }
    return paths;
  }

  private void deepNesting() {
    authentic("10,000 nested arrays", ascii("[".repeat(DEEP) + "]".repeat(DEEP)));
    authentic("10,000 nested objects", ascii("{\"a\":".repeat(DEEP) + "1" + "}".repeat(DEEP)));
    authentic("100,000 unclosed arrays", ascii("[".repeat(100_000)));
    authentic(
        "10,000 nested arrays in an unknown field",
        withUnknownField("[".repeat(DEEP) + "]".repeat(DEEP)));
    authentic(
        "10,000 nested objects in an unknown field",
        withUnknownField("{\"a\":".repeat(DEEP) + "1" + "}".repeat(DEEP)));
    for (String path : target.typedPaths()) {
      authentic(
          "10,000 nested arrays at '" + path + "'",
          replaced(path, "[".repeat(DEEP) + "]".repeat(DEEP)));
      if (!tree().at(path).isArray()) {
        authentic(
            "900 nested arrays at '" + path + "'",
            replaced(path, "[".repeat(900) + "]".repeat(900)));
      }
    }
  }

  private void brokenJson() {
    List<String> broken = List.of(
        "{",
        "}",
        "{\"a\"}",
        "{'messageId':'x'}",
        "{\"a\":1,}",
        "[1,]",
        "/* c */{}",
        "{\"x\": NaN}",
        "{\"x\": Infinity}",
        "{\"x\": -Infinity}",
        "{\"x\": 0x10}",
        "{\"x\": 01}",
        "{\"x\": .5}",
        "{\"x\": +1}",
        "{\"x\": \"\\u12\"}",
        "{\"x\": \"\\q\"}",
        "{\"x\": \"open}",
        "{\"x\"::1}",
        "{x: 1}",
        "{\"x\": tru}",
        "{\"x\": nul}",
        "\"unterminated",
        "[\"a\" \"b\"]",
        "{\"x\": [1 2]}",
        "{\"x\": {\"y\" 1}}",
        "{\"x\": \"a\u0001b\"}",
        "\u0000",
        "{\u0000}");
    for (String text : broken) {
      authentic("broken JSON: " + printable(text), text.getBytes(StandardCharsets.UTF_8));
    }
    if (target.strict()) {
      String valid = new String(document, StandardCharsets.UTF_8);
      for (String trailing : List.of(" x", "}", "{}", "\u0000", " []", "\n{\"to\":1}")) {
        authentic(
            "trailing data: " + printable(trailing),
            (valid.strip() + trailing).getBytes(StandardCharsets.UTF_8));
      }
      authentic("an empty body", new byte[0]);
      authentic("a blank body", ascii("  \r\n\t "));
      for (String name : names(tree())) {
        String duplicated =
            valid.strip().replaceFirst("^\\{", "{\"" + name + "\": " + tree().get(name) + ", ");
        authentic("duplicate name '" + name + "'", duplicated.getBytes(StandardCharsets.UTF_8));
      }
      for (Charset charset : List.of(
          StandardCharsets.UTF_16,
          StandardCharsets.UTF_16BE,
          StandardCharsets.UTF_16LE,
          Charset.forName("UTF-32BE"),
          Charset.forName("UTF-32LE"),
          StandardCharsets.ISO_8859_1)) {
        authentic("the document in " + charset, valid.getBytes(charset));
      }
      authentic("2,000 unknown fields and one wrong type", manyUnknownFields(2_000));
    }
  }

  private void oversized() {
    int max = target.maxBodyBytes();
    authentic("a body one byte over the limit (" + max + ")", padded(max + 1));
    authentic("a 1 MiB body", padded(1024 * 1024 + 1));
    authentic("a 4 MiB body", padded(4 * 1024 * 1024));
    Carried big = target.carry(padded(2 * 1024 * 1024));
    add(
        "a 2 MiB chunked body",
        request(big.headers(), "application/json", big.body(), Framing.CHUNKED),
        chunked(big.body()),
        false);
  }

  private void mediaTypes() {
    Carried valid = target.carry(document);
    // a webhook takes what its provider signed whatever the content type: there, without
    // credentials
    Map<String, String> credentials =
        target.strict() ? valid.headers() : target.forgeries(valid.body()).getFirst();
    List<String> contentTypes = List.of(
        "text/plain",
        "application/xml",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "application/jsonx",
        "application/json-patch+json",
        "application/json; charset=utf-16",
        "application/json; charset=iso-8859-1",
        "application/json;charset=\"utf-32\"",
        "application/javascript",
        "*/*",
        "json",
        "application/ json",
        "text/json",
        "");
    for (String contentType : contentTypes) {
      add(
          "content type '" + contentType + "'",
          request(credentials, contentType, valid.body(), Framing.LENGTH),
          valid.body(),
          false);
    }
    add(
        "no content type",
        request(credentials, null, valid.body(), Framing.LENGTH),
        valid.body(),
        false);
    for (String coding : List.of("gzip", "br", "deflate", "identity, gzip", "x-unknown")) {
      Map<String, String> headers = new LinkedHashMap<>(credentials);
      headers.put("Content-Encoding", coding);
      add(
          "content coding '" + coding + "' on a plain body",
          request(headers, "application/json", valid.body(), Framing.LENGTH),
          valid.body(),
          false);
    }
    Map<String, String> gzip = new LinkedHashMap<>(valid.headers());
    gzip.put("Content-Encoding", "gzip");
    byte[] zipped = gzipped(valid.body());
    add("a gzipped body", request(gzip, "application/json", zipped, Framing.LENGTH), zipped, false);
  }

  private void credentials() {
    Carried valid = target.carry(document);
    int i = 0;
    for (Map<String, String> forged : target.forgeries(valid.body())) {
      add(
          "forged credentials #" + i++ + " " + forged.keySet(),
          request(forged, "application/json", valid.body(), Framing.LENGTH),
          valid.body(),
          false);
    }
    // oversized and odd headers on a document that is otherwise fine
    Map<String, String> huge = new LinkedHashMap<>(valid.headers());
    huge.put("X-Padding", "p".repeat(20_000));
    add(
        "a 20 KB header",
        request(huge, "application/json", valid.body(), Framing.LENGTH),
        valid.body(),
        false);
    Map<String, String> many = new LinkedHashMap<>(valid.headers());
    for (int h = 0; h < 300; h++) {
      many.put("X-Header-" + h, "v".repeat(100));
    }
    add(
        "300 headers",
        request(many, "application/json", valid.body(), Framing.LENGTH),
        valid.body(),
        false);
  }

  private void framing() {
    Carried valid = target.carry(document);
    Carried truncated = target.carry(slice(document, document.length / 2));
    byte[] body = valid.body();
    String headers = headerLines(valid.headers());
    String start = "POST " + target.path() + " HTTP/1.1\r\nHost: localhost\r\n";
    String json = "Content-Type: application/json\r\nConnection: close\r\n";
    raw(
        "Content-Length not a number",
        start + headers + json + "Content-Length: abc\r\n\r\n",
        body);
    raw("Content-Length negative", start + headers + json + "Content-Length: -1\r\n\r\n", body);
    raw(
        "Content-Length in scientific notation",
        start + headers + json + "Content-Length: 1e3\r\n\r\n",
        body);
    raw(
        "two different Content-Lengths",
        start + headers + json + "Content-Length: " + body.length + "\r\nContent-Length: "
            + (body.length - 1) + "\r\n\r\n",
        body);
    raw(
        "Content-Length and Transfer-Encoding both",
        start + headers + json + "Content-Length: " + body.length
            + "\r\nTransfer-Encoding: chunked\r\n\r\n",
        chunked(body));
    raw(
        "a chunk size that is not hex",
        start + headers + json + "Transfer-Encoding: chunked\r\n\r\n",
        ascii("zz\r\n" + new String(body, StandardCharsets.ISO_8859_1) + "\r\n0\r\n\r\n"));
    raw("Transfer-Encoding gzip", start + headers + json + "Transfer-Encoding: gzip\r\n\r\n", body);
    raw(
        "Transfer-Encoding chunked not last",
        start + headers + json + "Transfer-Encoding: chunked, x-unknown\r\n\r\n",
        chunked(body));
    add(
        "chunked body cut short",
        ascii(start + headers + json + "Transfer-Encoding: chunked\r\n\r\n"),
        slice(chunked(body), body.length / 2),
        true);
    add(
        "Content-Length longer than the body",
        ascii(start + headers + json + "Content-Length: " + (body.length + 100) + "\r\n\r\n"),
        body,
        true);
    raw(
        "no Host header",
        "POST " + target.path() + " HTTP/1.1\r\n" + headers + json + "Content-Length: "
            + body.length + "\r\n\r\n",
        body);
    raw(
        "two Host headers",
        start + "Host: example.com\r\n" + headers + json + "Content-Length: " + body.length
            + "\r\n\r\n",
        body);
    raw(
        "a header line without a colon",
        start + "X-Broken\r\n" + headers + json + "Content-Length: " + body.length + "\r\n\r\n",
        body);
    raw(
        "a space before a header colon",
        start + "X-Spaced : v\r\n" + headers + json + "Content-Length: " + body.length + "\r\n\r\n",
        body);
    raw(
        "a folded header",
        start + "X-Folded: a\r\n  b\r\n" + headers + json + "Content-Length: " + body.length
            + "\r\n\r\n",
        body);
    raw(
        "a NUL in a header value",
        start + "X-Nul: a\u0000b\r\n" + headers + json + "Content-Length: " + body.length
            + "\r\n\r\n",
        body);
    raw(
        "Expect: 100-continue with a broken document",
        start + headerLines(truncated.headers()) + json + "Expect: 100-continue\r\nContent-Length: "
            + truncated.body().length + "\r\n\r\n",
        truncated.body());
    raw(
        "an unknown expectation",
        start + headers + json + "Expect: teapot\r\nContent-Length: " + body.length + "\r\n\r\n",
        body);
    raw(
        "HTTP/1.0 with a broken document",
        "POST " + target.path() + " HTTP/1.0\r\n"
            + headerLines(truncated.headers()) + json + "Content-Length: " + truncated.body().length
            + "\r\n\r\n",
        truncated.body());
    byte[] latin = ("X-Api-Key: caf\u00e9\r\nX-Hub-Signature-256: sha256=\u00ff\u00fe\r\n"
            + "Authorization: Basic \u00e9\u00e9\r\n")
        .getBytes(StandardCharsets.ISO_8859_1);
    byte[] utf8 =
        ("X-Api-Key: caf\u00e9\r\nX-Goog-Signature: \u2603\r\n").getBytes(StandardCharsets.UTF_8);
    for (byte[] odd :
        List.of(latin, utf8, new byte[] {'X', ':', ' ', (byte) 0xC0, (byte) 0xAF, '\r', '\n'})) {
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      head.writeBytes(ascii(start));
      head.writeBytes(odd);
      head.writeBytes(ascii(json + "Content-Length: " + body.length + "\r\n\r\n"));
      add("non-ASCII credential bytes", head.toByteArray(), body, false);
    }
  }

  private void extras() {
    int i = 0;
    for (Carried extra : target.extraFaults()) {
      add(
          "endpoint-specific fault #" + i++,
          request(extra.headers(), "application/json", extra.body(), Framing.LENGTH),
          extra.body(),
          false);
    }
  }

  /** One of the faults that are bad wherever they strike, at a random place. */
  private void randomFault() {
    int lastBrace = lastIndexOf(document, (byte) '}');
    switch (random.nextInt(4)) {
      case 0 -> {
        int at = 1 + random.nextInt(lastBrace);
        authentic("truncated at byte " + at, slice(document, at));
      }
      case 1 -> {
        byte[] invalid = INVALID_UTF8.get(random.nextInt(INVALID_UTF8.size()));
        int at = random.nextInt(lastBrace + 1);
        authentic("invalid UTF-8 " + hex(invalid) + " at byte " + at, inserted(at, invalid));
      }
      case 2 -> {
        byte control = CONTROL.get(random.nextInt(CONTROL.size()));
        int at = random.nextInt(lastBrace + 1);
        authentic(
            "control character " + hex(new byte[] {control}) + " at byte " + at,
            inserted(at, new byte[] {control}));
      }
      default -> {
        byte[] garbage = new byte[1 + random.nextInt(512)];
        random.nextBytes(garbage);
        Carried valid = target.carry(document);
        add(
            "random bytes (" + garbage.length + ")",
            request(valid.headers(), "application/json", garbage, Framing.LENGTH),
            garbage,
            false);
      }
    }
  }

  /** Byte sequences no UTF-8 decoder may accept: stray continuations, overlongs, surrogates, too high, cut short. */
  private static final List<byte[]> INVALID_UTF8 = List.of(
      bytes(0x80),
      bytes(0xBF),
      bytes(0xC0, 0xAF),
      bytes(0xC1, 0xBF),
      bytes(0xE0, 0x80, 0xAF),
      bytes(0xED, 0xA0, 0x80),
      bytes(0xED, 0xBF, 0xBF),
      bytes(0xF4, 0x90, 0x80, 0x80),
      bytes(0xF5, 0x80, 0x80, 0x80),
      bytes(0xF8, 0x88, 0x80, 0x80, 0x80),
      bytes(0xFE),
      bytes(0xFF),
      bytes(0xC3),
      bytes(0xE2, 0x82),
      bytes(0xF0, 0x9F, 0x98));

  private static final List<Byte> CONTROL = List.of(
      (byte) 0,
      (byte) 1,
      (byte) 2,
      (byte) 7,
      (byte) 8,
      (byte) 0x0B,
      (byte) 0x0C,
      (byte) 0x0E,
      (byte) 0x1B,
      (byte) 0x1F);

  private enum Framing {
    LENGTH,
    CHUNKED
  }

  private void authentic(String fault, byte[] document) {
    Carried carried = target.carry(document);
    add(
        fault,
        request(carried.headers(), "application/json", carried.body(), Framing.LENGTH),
        carried.body(),
        false);
  }

  private void raw(String fault, String head, byte[] body) {
    add(fault, head.getBytes(StandardCharsets.ISO_8859_1), body, false);
  }

  private void add(String fault, byte[] head, byte[] body, boolean halfClose) {
    corpus.add(new BadRequest(corpus.size() + ": " + fault, head, body, halfClose));
  }

  private byte[] request(
      Map<String, String> headers, String contentType, byte[] body, Framing framing) {
    StringBuilder head = new StringBuilder("POST " + target.path() + " HTTP/1.1\r\n");
    head.append("Host: localhost\r\n").append(headerLines(headers));
    if (contentType != null) {
      head.append("Content-Type: ").append(contentType).append("\r\n");
    }
    head.append(
        framing == Framing.CHUNKED
            ? "Transfer-Encoding: chunked\r\n"
            : "Content-Length: " + body.length + "\r\n");
    head.append("Connection: close\r\n\r\n");
    return head.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  private static String headerLines(Map<String, String> headers) {
    StringBuilder lines = new StringBuilder();
    headers.forEach(
        (name, value) -> lines.append(name).append(": ").append(value).append("\r\n"));
    return lines.toString();
  }

  private static byte[] chunked(byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int at = 0; at < body.length; at += 8192) {
      int size = Math.min(8192, body.length - at);
      out.writeBytes(ascii(Integer.toHexString(size) + "\r\n"));
      out.write(body, at, size);
      out.writeBytes(ascii("\r\n"));
    }
    out.writeBytes(ascii("0\r\n\r\n"));
    return out.toByteArray();
  }

  private JsonNode tree() {
    try {
      return JSON.readTree(document);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The document with the node at {@code pointer} replaced by the raw JSON text {@code json}. */
  private byte[] replaced(String pointer, String json) {
    return replaced(tree(), pointer, json);
  }

  private static byte[] replaced(JsonNode tree, String pointer, String json) {
    if (pointer.isEmpty()) {
      return json.getBytes(StandardCharsets.UTF_8);
    }
    int slash = pointer.lastIndexOf('/');
    JsonNode parent = tree.at(pointer.substring(0, slash));
    String last = pointer.substring(slash + 1);
    if (parent instanceof ObjectNode object) {
      object.set(last, TextNode.valueOf(RAW));
    } else if (parent instanceof ArrayNode array) {
      array.set(Integer.parseInt(last), TextNode.valueOf(RAW));
    } else {
      throw new IllegalArgumentException("no node at " + pointer);
    }
    return tree.toString().replace("\"" + RAW + "\"", json).getBytes(StandardCharsets.UTF_8);
  }

  private byte[] withUnknownField(String json) {
    ObjectNode tree = (ObjectNode) tree();
    tree.put("corpusUnknown", RAW);
    return tree.toString().replace("\"" + RAW + "\"", json).getBytes(StandardCharsets.UTF_8);
  }

  /** The valid document padded with an unknown field to {@code size} bytes. */
  private byte[] padded(int size) {
    ObjectNode tree = (ObjectNode) tree();
    tree.put("corpusPadding", "");
    int length = tree.toString().getBytes(StandardCharsets.UTF_8).length;
    tree.put("corpusPadding", "x".repeat(Math.max(0, size - length)));
    return tree.toString().getBytes(StandardCharsets.UTF_8);
  }

  private byte[] manyUnknownFields(int count) {
    ObjectNode tree = (ObjectNode) tree();
    for (int i = 0; i < count; i++) {
      tree.put("unknown" + i, i);
    }
    String path = target.typedPaths().stream()
        .filter(p -> !p.isEmpty())
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no typed path below the root"));
    return replaced(tree, path, "{\"wrong\":[]}");
  }

  private static List<String> names(JsonNode object) {
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }

  private byte[] inserted(int at, byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(document, 0, at);
    out.writeBytes(bytes);
    out.write(document, at, document.length - at);
    return out.toByteArray();
  }

  private static byte[] slice(byte[] data, int length) {
    return java.util.Arrays.copyOf(data, length);
  }

  private static int lastIndexOf(byte[] data, byte value) {
    for (int i = data.length - 1; i >= 0; i--) {
      if (data[i] == value) {
        return i;
      }
    }
    throw new IllegalArgumentException("the document has no closing brace");
  }

  private static byte[] gzipped(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static byte[] bytes(int... values) {
    byte[] bytes = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      bytes[i] = (byte) values[i];
    }
    return bytes;
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static String hex(byte[] bytes) {
    return java.util.HexFormat.ofDelimiter(" ").withUpperCase().formatHex(bytes);
  }

  private static String printable(String text) {
    StringBuilder out = new StringBuilder();
    text.codePoints()
        .forEach(c -> out.append(c < 0x20 ? String.format("\\u%04x", c) : Character.toString(c)));
    return abbreviate(out.toString());
  }

  private static String abbreviate(String text) {
    return text.length() > 40 ? text.substring(0, 40) + "… (" + text.length() + " chars)" : text;
  }

  /** For a target's forgeries: a random credential of {@code length} URL-safe characters. */
  public static String randomToken(Random random, int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).substring(0, length);
  }
}
