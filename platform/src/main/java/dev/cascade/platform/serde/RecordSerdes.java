package dev.cascade.platform.serde;

import dev.cascade.platform.config.ConfigException;
import dev.cascade.platform.config.Settings;
import dev.cascade.schemas.serde.AvroSerde;
import java.util.Locale;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

/**
 * The one place a topic's value serde is made, so every service writes and reads the same wire
 * format. {@code serde.mode} picks it:
 *
 * <ul>
 *   <li>{@code single-object} (default): Avro single-object encoding, no registry ({@link
 *       AvroSerde}); old writer schemas are resolved from the schema history shipped in the jar.
 *   <li>{@code registry}: the Confluent wire format (magic byte 0, 4-byte schema id, Avro binary)
 *       against a schema registry ({@link SchemaRegistrySettings}), through Apicurio's serde.
 * </ul>
 *
 * Both read into the generated SpecificRecord classes.
 */
public final class RecordSerdes {

  public static final String MODE_KEY = "serde.mode";

  /** The wire format of every topic's values. */
  public enum Mode {
    SINGLE_OBJECT("single-object"),
    REGISTRY("registry");

    private final String setting;

    Mode(String setting) {
      this.setting = setting;
    }

    public String setting() {
      return setting;
    }

    static Mode parse(String value) {
      for (Mode mode : values()) {
        if (mode.setting.equals(value.toLowerCase(Locale.ROOT))) {
          return mode;
        }
      }
      throw new ConfigException(MODE_KEY, value, "single-object or registry");
    }
  }

  private final Mode mode;
  private final SchemaRegistrySettings registry;

  private RecordSerdes(Mode mode, SchemaRegistrySettings registry) {
    this.mode = mode;
    this.registry = registry;
  }

  /** The default: single-object encoding, no registry. */
  public static RecordSerdes singleObject() {
    return new RecordSerdes(Mode.SINGLE_OBJECT, null);
  }

  /** Registry mode against {@code registry}. */
  public static RecordSerdes registry(SchemaRegistrySettings registry) {
    return new RecordSerdes(Mode.REGISTRY, registry);
  }

  /** The mode {@code serde.mode} names; registry mode also needs {@code schema.registry.url}. */
  public static RecordSerdes from(Settings settings) {
    Mode mode = Mode.parse(settings.string(MODE_KEY, Mode.SINGLE_OBJECT.setting()));
    return switch (mode) {
      case SINGLE_OBJECT -> singleObject();
      case REGISTRY -> registry(SchemaRegistrySettings.from(settings));
    };
  }

  public Mode mode() {
    return mode;
  }

  /** A value serde for {@code type}, in this mode's wire format. */
  public <T extends SpecificRecord> Serde<T> of(Class<T> type) {
    return switch (mode) {
      case SINGLE_OBJECT -> AvroSerde.of(type);
      case REGISTRY -> RegistryAvroSerde.of(type, registry);
    };
  }

  @Override
  public String toString() {
    return mode == Mode.REGISTRY ? "registry(" + registry.url() + ")" : mode.setting();
  }
}
