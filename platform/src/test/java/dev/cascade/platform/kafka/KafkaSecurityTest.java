package dev.cascade.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cascade.platform.config.ConfigException;
import dev.cascade.platform.config.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kafka.security/sasl/ssl settings as every client's properties. */
class KafkaSecurityTest {

  @TempDir
  Path dir;

  @Test
  void unconfiguredClientsArePlaintextWithoutLogin() {
    Properties props = ClientProperties.common(KafkaSettings.from(Settings.of(Map.of())), "c");

    assertThat(props)
        .containsEntry("security.protocol", "PLAINTEXT")
        .doesNotContainKeys("sasl.mechanism", "sasl.jaas.config", "ssl.truststore.location");
  }

  @Test
  void saslScramOverTlsWithATrustStoreReachesProducersConsumersAdminAndStreams() throws Exception {
    Path truststore = Files.writeString(dir.resolve("truststore.p12"), "not read here");
    KafkaSettings kafka = KafkaSettings.from(Settings.of(Map.of(
        "kafka.security.protocol", "sasl_ssl",
        "kafka.sasl.mechanism", "scram-sha-512",
        "kafka.sasl.username", "cascade",
        "kafka.sasl.password", "pa\"ss\\word",
        "kafka.ssl.truststore.location", truststore.toString(),
        "kafka.ssl.truststore.password", "changeit",
        "kafka.ssl.truststore.type", "PKCS12")));

    for (Properties props : new Properties[] {
      ClientProperties.producer(kafka, "p"),
      ClientProperties.consumer(kafka, "c", "g"),
      ClientProperties.admin(kafka, "a"),
      ClientProperties.common(kafka, "streams")
    }) {
      assertThat(props)
          .containsEntry("security.protocol", "SASL_SSL")
          .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
          .containsEntry(
              "sasl.jaas.config",
              "org.apache.kafka.common.security.scram.ScramLoginModule required"
                  + " username=\"cascade\" password=\"pa\\\"ss\\\\word\";")
          .containsEntry("ssl.truststore.location", truststore.toString())
          .containsEntry("ssl.truststore.password", "changeit")
          .containsEntry("ssl.truststore.type", "PKCS12");
    }
  }

  @Test
  void plainSaslUsesThePlainLoginModuleAndAKeyStoreAddsClientCertificates() throws IOException {
    Path keystore = Files.writeString(dir.resolve("client.p12"), "not read here");
    KafkaSettings kafka = KafkaSettings.from(Settings.of(Map.of(
        "kafka.security.protocol", "SASL_SSL",
        "kafka.sasl.mechanism", "PLAIN",
        "kafka.sasl.username", "key",
        "kafka.sasl.password", "secret",
        "kafka.ssl.keystore.location", keystore.toString(),
        "kafka.ssl.keystore.password", "store-pass",
        "kafka.ssl.key.password", "key-pass")));

    assertThat(ClientProperties.common(kafka, "c"))
        .containsEntry(
            "sasl.jaas.config",
            "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"key\""
                + " password=\"secret\";")
        .containsEntry("ssl.keystore.location", keystore.toString())
        .containsEntry("ssl.keystore.password", "store-pass")
        .containsEntry("ssl.key.password", "key-pass")
        .doesNotContainKey("ssl.truststore.location");
  }

  @Test
  void passwordsNeverShowInToString() throws IOException {
    Path truststore = Files.writeString(dir.resolve("truststore.jks"), "x");
    KafkaSettings kafka = KafkaSettings.from(Settings.of(Map.of(
        "kafka.security.protocol", "SASL_SSL",
        "kafka.sasl.mechanism", "SCRAM-SHA-256",
        "kafka.sasl.username", "cascade",
        "kafka.sasl.password", "t0p-s3cret",
        "kafka.ssl.truststore.location", truststore.toString(),
        "kafka.ssl.truststore.password", "tru5t-pass")));

    assertThat(kafka.toString())
        .contains("cascade")
        .doesNotContain("t0p-s3cret")
        .doesNotContain("tru5t-pass");
  }

  @Test
  void badOrMissingSettingsFailNamingTheKey() {
    assertInvalid(Map.of("kafka.security.protocol", "TLS"), "kafka.security.protocol");
    assertInvalid(
        Map.of("kafka.security.protocol", "SASL_PLAINTEXT", "kafka.sasl.username", "u"),
        "kafka.sasl.mechanism");
    assertInvalid(
        Map.of(
            "kafka.security.protocol", "SASL_PLAINTEXT",
            "kafka.sasl.mechanism", "GSSAPI",
            "kafka.sasl.username", "u",
            "kafka.sasl.password", "p"),
        "kafka.sasl.mechanism");
    assertInvalid(
        Map.of(
            "kafka.security.protocol", "SASL_SSL",
            "kafka.sasl.mechanism", "SCRAM-SHA-256",
            "kafka.sasl.username", "u"),
        "kafka.sasl.password");
    assertInvalid(
        Map.of(
            "kafka.security.protocol",
            "SSL",
            "kafka.ssl.truststore.location",
            dir.resolve("missing.jks").toString()),
        "kafka.ssl.truststore.location");
  }

  @Test
  void settingsThatTheProtocolWouldIgnoreAreRefused() {
    // a forgotten kafka.security.protocol would otherwise connect without the login
    assertInvalid(
        Map.of("kafka.sasl.username", "u", "kafka.sasl.password", "p"), "kafka.sasl.username");
    assertInvalid(
        Map.of(
            "kafka.security.protocol", "SASL_PLAINTEXT",
            "kafka.sasl.mechanism", "PLAIN",
            "kafka.sasl.username", "u",
            "kafka.sasl.password", "p",
            "kafka.ssl.truststore.location", "/etc/hosts"),
        "kafka.ssl.truststore.location");
  }

  private static void assertInvalid(Map<String, String> values, String key) {
    Map<String, String> all = new HashMap<>(values);
    assertThatThrownBy(() -> KafkaSettings.from(Settings.of(all)))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("configuration " + key + " (");
  }
}
