package dev.cascade.platform.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cascade.platform.config.ConfigException;
import dev.cascade.platform.config.Settings;
import dev.cascade.schemas.SendRequest;
import dev.cascade.schemas.serde.AvroSerde;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RecordSerdesTest {

  @Test
  void singleObjectIsTheDefault() {
    RecordSerdes serdes = RecordSerdes.from(Settings.of(Map.of()));

    assertThat(serdes.mode()).isEqualTo(RecordSerdes.Mode.SINGLE_OBJECT);
    assertThat(serdes.of(SendRequest.class)).isInstanceOf(AvroSerde.class);
  }

  @Test
  void registryModeReadsItsSettings() {
    RecordSerdes serdes = RecordSerdes.from(Settings.of(Map.of(
        "serde.mode", "registry",
        "schema.registry.url", "http://registry:8080/",
        "schema.registry.auto.register", "false",
        "schema.registry.username", "cascade",
        "schema.registry.password", "s3cret")));

    assertThat(serdes.mode()).isEqualTo(RecordSerdes.Mode.REGISTRY);
    assertThat(serdes.of(SendRequest.class)).isInstanceOf(RegistryAvroSerde.class);
    assertThat(SchemaRegistrySettings.from(Settings.of(Map.of(
            "schema.registry.url", "http://registry:8080/",
            "schema.registry.auto.register", "false",
            "schema.registry.username", "cascade",
            "schema.registry.password", "s3cret"))))
        .isEqualTo(new SchemaRegistrySettings(
            "http://registry:8080", false, Optional.of("cascade"), Optional.of("s3cret")))
        .hasToString(
            "SchemaRegistrySettings[url=http://registry:8080, autoRegister=false, username=cascade,"
                + " password=***]");
  }

  @Test
  void theSerdeIsConfiguredForTheConfluentWireFormat() {
    Map<String, Object> config = RegistryAvroSerde.config(new SchemaRegistrySettings(
        "http://registry:8080", true, Optional.of("u"), Optional.of("p")));

    assertThat(config)
        .containsEntry("apicurio.registry.url", "http://registry:8080/apis/registry/v2")
        .containsEntry("apicurio.registry.headers.enabled", false)
        .containsEntry(
            "apicurio.registry.id-handler", "io.apicurio.registry.serde.Legacy4ByteIdHandler")
        .containsEntry("apicurio.registry.use-id", "contentId")
        .containsEntry("apicurio.registry.use-specific-avro-reader", true)
        .containsEntry("apicurio.registry.auto-register", true)
        .containsEntry("apicurio.auth.username", "u")
        .containsEntry("apicurio.auth.password", "p");
  }

  @Test
  void badSettingsNameTheKey() {
    assertThatThrownBy(() -> RecordSerdes.from(Settings.of(Map.of("serde.mode", "confluent"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("serde.mode")
        .hasMessageContaining("CASCADE_SERDE_MODE");
    assertThatThrownBy(() -> RecordSerdes.from(Settings.of(Map.of("serde.mode", "registry"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("schema.registry.url");
    assertThatThrownBy(() -> SchemaRegistrySettings.from(
            Settings.of(Map.of("schema.registry.url", "registry:8080"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("http(s) address");
    assertThatThrownBy(() -> SchemaRegistrySettings.from(Settings.of(Map.of(
            "schema.registry.url", "http://registry:8080", "schema.registry.username", "u"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("schema.registry.password");
  }
}
