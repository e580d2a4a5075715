package dev.cascade.intake.http;

import dev.cascade.platform.config.ConfigException;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The accepted API keys, presented as {@code X-Api-Key: <key>} (seed 001) or {@code
 * Authorization: Bearer <key>}. Only their SHA-256 digests are kept: a presented key is hashed and
 * compared with every configured digest in constant time, so neither the answer time nor a memory
 * dump tells anything about a key.
 */
public final class ApiKeys {

  static final String KEY = "intake.api.keys";
  private static final String SHA256 = "sha256:";
  private static final int DIGEST_BYTES = 32;

  /** One accepted key: the id recorded with requests made with it, and the key's SHA-256. */
  private record Entry(String id, byte[] digest) {}

  private final List<Entry> entries;

  private ApiKeys(List<Entry> entries) {
    if (entries.isEmpty()) {
      throw new ConfigException(KEY, "must list at least one key");
    }
    this.entries = List.copyOf(entries);
  }

  /**
   * {@code intake.api.keys}: comma-separated {@code id=key} pairs, or bare keys, which get the ids
   * key-1, key-2, ... A key is written plain or as {@code sha256:<64 hex digits>}, the SHA-256 of
   * its UTF-8 bytes ({@code printf %s "$KEY" | sha256sum}). Error messages never repeat a key.
   */
  public static ApiKeys parse(String raw) {
    List<Entry> entries = new ArrayList<>();
    String[] written = raw.split(",");
    for (int i = 0; i < written.length; i++) {
      String entry = written[i].strip();
      if (entry.isEmpty()) {
        continue;
      }
      int equals = entry.indexOf('=');
      String id = equals > 0 ? entry.substring(0, equals).strip() : "key-" + (i + 1);
      String key = equals > 0 ? entry.substring(equals + 1).strip() : entry;
      byte[] digest = digestOf(id, key);
      for (Entry known : entries) {
        if (MessageDigest.isEqual(known.digest(), digest)) {
          throw new ConfigException(KEY, "ids " + known.id() + " and " + id + " have the same key");
        }
      }
      entries.add(new Entry(id, digest));
    }
    return new ApiKeys(entries);
  }

  private static byte[] digestOf(String id, String key) {
    if (key.isEmpty()) {
      throw new ConfigException(KEY, "the key of id " + id + " is empty");
    }
    if (!key.regionMatches(true, 0, SHA256, 0, SHA256.length())) {
      return sha256(key);
    }
    String hex = key.substring(SHA256.length());
    try {
      byte[] digest = HexFormat.of().parseHex(hex);
      if (digest.length == DIGEST_BYTES) {
        return digest;
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    throw new ConfigException(
        KEY, "the key of id " + id + " starts with sha256: but is not 64 hex digits after it");
  }

  /** The id of the caller's key, if the call carries a known one. */
  Optional<String> authenticate(Context ctx) {
    String presented = ctx.header("X-Api-Key");
    String authorization = ctx.header("Authorization");
    if (presented == null
        && authorization != null
        && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      presented = authorization.substring(7).strip();
    }
    return presented == null ? Optional.empty() : identify(presented);
  }

  /**
   * The id of {@code presented}, if it is an accepted key. Compared with every key, never stopping
   * at a match or a mismatch, each comparison in constant time on equal-length digests.
   */
  Optional<String> identify(String presented) {
    byte[] digest = sha256(presented);
    String match = null;
    for (Entry entry : entries) {
      boolean equal = MessageDigest.isEqual(digest, entry.digest());
      match = equal && match == null ? entry.id() : match;
    }
    return Optional.ofNullable(match);
  }

  /** Whether {@code key} is accepted, e.g. one of the published development keys. */
  public boolean accepts(String key) {
    return identify(key).isPresent();
  }

  public int size() {
    return entries.size();
  }

  /** Ids only: keys and digests stay out of logs. */
  @Override
  public String toString() {
    return "ApiKeys" + entries.stream().map(Entry::id).toList();
  }

  private static byte[] sha256(String key) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
