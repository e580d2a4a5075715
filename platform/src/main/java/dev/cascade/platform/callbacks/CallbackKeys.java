package dev.cascade.platform.callbacks;

import dev.cascade.platform.config.ConfigException;
import dev.cascade.platform.config.DevelopmentSecrets;
import dev.cascade.platform.config.Settings;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The callback settings of each API key, by the key's id (the id {@code intake.api.keys} gives it
 * and send-intake records with each request): the secret callbacks are signed with, and an
 * optional default URL for requests that name none. Both send-intake (which refuses a callback for
 * a key without a secret) and the callbacks service (which signs) read them.
 *
 * <p>Secrets are kept as written: an HMAC needs the secret itself, so unlike API keys they cannot
 * be configured as digests. In the development profile, unset, the development key {@code dev} has
 * the development secret {@code dev-secret}; a development secret anywhere else is refused.
 */
public final class CallbackKeys {

  /** {@code id=secret,...}: the secret each API key's callbacks are signed with. */
  public static final String SECRETS_KEY = "callbacks.secrets";

  /** {@code id=url,...}: where a key's messages call back when the request names no callback. */
  public static final String DEFAULT_URLS_KEY = "callbacks.default.urls";

  /** {@code true} (development only): private and loopback URLs, and http to loopback. */
  public static final String ALLOW_PRIVATE_KEY = "callbacks.allow.private";

  private static final String DEV_SECRETS = "dev=dev-secret";

  private final Map<String, String> secrets;
  private final Map<String, String> defaultUrls;
  private final boolean allowPrivate;

  private CallbackKeys(
      Map<String, String> secrets, Map<String, String> defaultUrls, boolean allowPrivate) {
    this.secrets = Map.copyOf(secrets);
    this.defaultUrls = Map.copyOf(defaultUrls);
    this.allowPrivate = allowPrivate;
    defaultUrls.forEach((id, url) -> {
      CallbackUrls.problem(url, allowPrivate).ifPresent(problem -> {
        throw new ConfigException(DEFAULT_URLS_KEY, "the URL of key id " + id + " " + problem);
      });
      if (!secrets.containsKey(id)) {
        throw new ConfigException(
            DEFAULT_URLS_KEY,
            "key id " + id + " has a default URL but no secret in " + SECRETS_KEY);
      }
    });
  }

  public static CallbackKeys from(Settings settings) {
    String secrets = settings
        .optional(SECRETS_KEY)
        .orElse(DevelopmentSecrets.devProfile(settings) ? DEV_SECRETS : "");
    return new CallbackKeys(
        pairs(SECRETS_KEY, secrets, false),
        pairs(DEFAULT_URLS_KEY, settings.string(DEFAULT_URLS_KEY, ""), true),
        settings.bool(ALLOW_PRIVATE_KEY, false));
  }

  /** {@code id=value} pairs; error messages name ids, never values (they may be secrets). */
  private static Map<String, String> pairs(String key, String raw, boolean showValues) {
    Map<String, String> pairs = new LinkedHashMap<>();
    for (String written : raw.split(",")) {
      String entry = written.strip();
      if (entry.isEmpty()) {
        continue;
      }
      int equals = entry.indexOf('=');
      if (equals <= 0 || equals == entry.length() - 1) {
        throw new ConfigException(
            key,
            "expects id=value pairs separated by commas"
                + (showValues ? ", not " + entry : " (an entry is not one)"));
      }
      String id = entry.substring(0, equals).strip();
      if (pairs.put(id, entry.substring(equals + 1).strip()) != null) {
        throw new ConfigException(key, "names key id " + id + " twice");
      }
    }
    return pairs;
  }

  public Optional<String> secret(String apiKeyId) {
    return Optional.ofNullable(apiKeyId).map(secrets::get);
  }

  public Optional<String> defaultUrl(String apiKeyId) {
    return Optional.ofNullable(apiKeyId).map(defaultUrls::get);
  }

  public boolean allowPrivate() {
    return allowPrivate;
  }

  /** For {@link DevelopmentSecrets#check}: whether a configured secret is a published one. */
  public DevelopmentSecrets.Secret developmentSecret() {
    return new DevelopmentSecrets.Secret(
        SECRETS_KEY, secrets.values().stream().anyMatch(DevelopmentSecrets.VALUES::contains));
  }

  /** Ids only: secrets stay out of logs. */
  @Override
  public String toString() {
    return "CallbackKeys" + secrets.keySet() + " defaults " + defaultUrls.keySet();
  }
}
