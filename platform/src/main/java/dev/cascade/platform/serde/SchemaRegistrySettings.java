package dev.cascade.platform.serde;

import dev.cascade.platform.config.ConfigException;
import dev.cascade.platform.config.Settings;
import java.net.URI;
import java.util.Optional;

/**
 * Where registry mode finds its schema registry.
 *
 * @param url the registry's base address ({@code http://localhost:8085}); the serde talks to its
 *     Apicurio API under {@code /apis/registry/v2}, and the same schemas (same ids) are served to
 *     Confluent clients under {@code /apis/ccompat/v7}
 * @param autoRegister whether a producer registers its record's schema when the registry does not
 *     have it yet (off: the schema must have been registered before, or producing fails)
 * @param username HTTP basic-auth user, if the registry asks for one
 * @param password its password
 */
public record SchemaRegistrySettings(
    String url, boolean autoRegister, Optional<String> username, Optional<String> password) {

  public static final String URL_KEY = "schema.registry.url";
  public static final String AUTO_REGISTER_KEY = "schema.registry.auto.register";
  public static final String USERNAME_KEY = "schema.registry.username";
  public static final String PASSWORD_KEY = "schema.registry.password";

  /** The Apicurio API path the serde uses, under {@link #url()}. */
  static final String APICURIO_API = "/apis/registry/v2";

  public SchemaRegistrySettings {
    url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  /** A registry at {@code url}, auto-registering, without authentication. */
  public static SchemaRegistrySettings at(String url) {
    return new SchemaRegistrySettings(url, true, Optional.empty(), Optional.empty());
  }

  /** Reads {@code schema.registry.*}; the URL is required and must be an http(s) address. */
  public static SchemaRegistrySettings from(Settings settings) {
    String url = settings
        .optional(URL_KEY)
        .orElseThrow(() -> new ConfigException(
            URL_KEY, "is required when serde.mode=registry (the registry's base address)"));
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(URL_KEY, url, "an http(s) address such as http://localhost:8085");
    }
    if (uri.getHost() == null
        || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
      throw new ConfigException(URL_KEY, url, "an http(s) address such as http://localhost:8085");
    }
    Optional<String> username = settings.optional(USERNAME_KEY);
    Optional<String> password = settings.optional(PASSWORD_KEY);
    if (username.isPresent() != password.isPresent()) {
      throw new ConfigException(
          username.isPresent() ? PASSWORD_KEY : USERNAME_KEY,
          "basic auth needs both " + USERNAME_KEY + " and " + PASSWORD_KEY);
    }
    return new SchemaRegistrySettings(
        url, settings.bool(AUTO_REGISTER_KEY, true), username, password);
  }

  /** The address of the API the Apicurio serde talks to. */
  public String apicurioApiUrl() {
    return url + APICURIO_API;
  }

  @Override
  public String toString() {
    return "SchemaRegistrySettings[url=" + url + ", autoRegister=" + autoRegister + ", username="
        + username.orElse("-") + ", password=" + (password.isPresent() ? "***" : "-") + "]";
  }
}
