package dev.cascade.platform.kafka;

import dev.cascade.platform.config.ConfigException;
import dev.cascade.platform.config.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.security.auth.SecurityProtocol;

/**
 * How Cascade's Kafka clients authenticate and encrypt: {@code kafka.security.protocol}
 * ({@code PLAINTEXT} unless set, {@code SSL}, {@code SASL_PLAINTEXT} or {@code SASL_SSL}); with
 * SASL a user name and password for {@code kafka.sasl.mechanism} {@code SCRAM-SHA-256},
 * {@code SCRAM-SHA-512} or {@code PLAIN}; with TLS an optional trust store (else the JVM's
 * certificate authorities) and an optional key store (client certificates). Passwords never show
 * in {@link #toString()}.
 *
 * @param sasl the SASL login, present exactly when the protocol is SASL_PLAINTEXT or SASL_SSL
 * @param truststore null unless {@code kafka.ssl.truststore.location} is set
 * @param keystore null unless {@code kafka.ssl.keystore.location} is set
 */
public record KafkaSecurity(
    SecurityProtocol protocol, Sasl sasl, Store truststore, Store keystore) {

  /** No authentication, no encryption: the embedded development broker. */
  public static final KafkaSecurity PLAINTEXT =
      new KafkaSecurity(SecurityProtocol.PLAINTEXT, null, null, null);

  static final String PROTOCOL = "kafka.security.protocol";
  static final String MECHANISM = "kafka.sasl.mechanism";
  static final String USERNAME = "kafka.sasl.username";
  static final String PASSWORD = "kafka.sasl.password";
  static final String TRUSTSTORE = "kafka.ssl.truststore";
  static final String KEYSTORE = "kafka.ssl.keystore";
  static final String KEY_PASSWORD = "kafka.ssl.key.password";

  private static final List<String> MECHANISMS = List.of("SCRAM-SHA-256", "SCRAM-SHA-512", "PLAIN");

  /**
   * A SASL login.
   *
   * @param mechanism SCRAM-SHA-256, SCRAM-SHA-512 or PLAIN
   */
  public record Sasl(String mechanism, String username, String password) {

    public Sasl {
      if (mechanism == null || !MECHANISMS.contains(mechanism)) {
        throw new ConfigException(
            MECHANISM, String.valueOf(mechanism), String.join(", ", MECHANISMS));
      }
      if (username == null || username.isBlank()) {
        throw new ConfigException(USERNAME, "must be set for SASL");
      }
      if (password == null || password.isEmpty()) {
        throw new ConfigException(PASSWORD, "must be set for SASL");
      }
    }

    /** The client's JAAS line, with user name and password quoted as JAAS reads them. */
    String jaasConfig() {
      String module = mechanism.equals("PLAIN")
          ? "org.apache.kafka.common.security.plain.PlainLoginModule"
          : "org.apache.kafka.common.security.scram.ScramLoginModule";
      return module + " required username=" + quoted(username) + " password=" + quoted(password)
          + ";";
    }

    private static String quoted(String value) {
      return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    @Override
    public String toString() {
      return "Sasl[mechanism=" + mechanism + ", username=" + username + ", password=***]";
    }
  }

  /**
   * A trust or key store file.
   *
   * @param prefix {@code kafka.ssl.truststore} or {@code kafka.ssl.keystore}: the settings it was
   *     read from
   * @param type JKS, PKCS12 or PEM; null: Kafka's default (JKS, which also reads PKCS12 files)
   * @param keyPassword a key store's private key password ({@code kafka.ssl.key.password}), if it
   *     differs from the store's
   */
  public record Store(
      String prefix, Path location, String password, String type, String keyPassword) {

    public Store {
      if (!Files.isReadable(location)) {
        throw new ConfigException(prefix + ".location", location.toString(), "a readable file");
      }
    }

    @Override
    public String toString() {
      return "Store[location=" + location + ", type=" + type + ", password="
          + (password == null ? "none" : "***") + "]";
    }
  }

  public KafkaSecurity {
    boolean saslProtocol =
        protocol == SecurityProtocol.SASL_PLAINTEXT || protocol == SecurityProtocol.SASL_SSL;
    boolean tlsProtocol = protocol == SecurityProtocol.SSL || protocol == SecurityProtocol.SASL_SSL;
    if (saslProtocol && sasl == null) {
      throw new ConfigException(USERNAME, "must be set when " + PROTOCOL + " is " + protocol);
    }
    if (!saslProtocol && sasl != null) {
      throw new ConfigException(
          USERNAME,
          "is set but " + PROTOCOL + " is " + protocol + "; use SASL_SSL or SASL_PLAINTEXT");
    }
    if (!tlsProtocol && (truststore != null || keystore != null)) {
      throw new ConfigException(
          (truststore != null ? TRUSTSTORE : KEYSTORE) + ".location",
          "is set but " + PROTOCOL + " is " + protocol + "; use SSL or SASL_SSL");
    }
    if (keystore != null && keystore.password() == null) {
      throw new ConfigException(KEYSTORE + ".password", "must be set with a key store");
    }
  }

  /** The {@code kafka.security.*}, {@code kafka.sasl.*} and {@code kafka.ssl.*} settings. */
  public static KafkaSecurity from(Settings settings) {
    String name = settings.string(PROTOCOL, "PLAINTEXT");
    SecurityProtocol protocol;
    try {
      protocol = SecurityProtocol.forName(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(PROTOCOL, name, "PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL");
    }
    boolean saslProtocol =
        protocol == SecurityProtocol.SASL_PLAINTEXT || protocol == SecurityProtocol.SASL_SSL;
    for (String key : List.of(MECHANISM, USERNAME, PASSWORD)) {
      if (!saslProtocol && settings.optional(key).isPresent()) {
        throw new ConfigException(
            key, "is set but " + PROTOCOL + " is " + protocol + "; use SASL_SSL or SASL_PLAINTEXT");
      }
    }
    Sasl sasl = null;
    if (saslProtocol) {
      sasl = new Sasl(
          settings.optional(MECHANISM).map(m -> m.toUpperCase(Locale.ROOT)).orElse(null),
          settings.optional(USERNAME).orElse(null),
          settings.optional(PASSWORD).orElse(null));
    }
    Store keystore = store(settings, KEYSTORE);
    if (keystore == null && settings.optional(KEY_PASSWORD).isPresent()) {
      throw new ConfigException(KEY_PASSWORD, "is set but " + KEYSTORE + ".location is not");
    }
    return new KafkaSecurity(protocol, sasl, store(settings, TRUSTSTORE), keystore);
  }

  private static Store store(Settings settings, String prefix) {
    return settings
        .optional(prefix + ".location")
        .map(location -> new Store(
            prefix,
            Path.of(location),
            settings.optional(prefix + ".password").orElse(null),
            settings
                .optional(prefix + ".type")
                .map(t -> t.toUpperCase(Locale.ROOT))
                .orElse(null),
            prefix.equals(KEYSTORE) ? settings.optional(KEY_PASSWORD).orElse(null) : null))
        .orElse(null);
  }

  /** These settings as a Kafka client's (producer, consumer, admin, Kafka Streams) properties. */
  void applyTo(Properties props) {
    props.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, protocol.name);
    if (sasl != null) {
      props.put(SaslConfigs.SASL_MECHANISM, sasl.mechanism());
      props.put(SaslConfigs.SASL_JAAS_CONFIG, sasl.jaasConfig());
    }
    if (truststore != null) {
      props.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, truststore.location().toString());
      putIfSet(props, SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, truststore.password());
      putIfSet(props, SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, truststore.type());
    }
    if (keystore != null) {
      props.put(SslConfigs.SSL_KEYSTORE_LOCATION_CONFIG, keystore.location().toString());
      putIfSet(props, SslConfigs.SSL_KEYSTORE_PASSWORD_CONFIG, keystore.password());
      putIfSet(props, SslConfigs.SSL_KEYSTORE_TYPE_CONFIG, keystore.type());
      putIfSet(props, SslConfigs.SSL_KEY_PASSWORD_CONFIG, keystore.keyPassword());
    }
  }

  private static void putIfSet(Properties props, String name, String value) {
    if (value != null) {
      props.put(name, value);
    }
  }
}
