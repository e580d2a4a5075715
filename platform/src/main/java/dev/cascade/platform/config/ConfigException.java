package dev.cascade.platform.config;

/** A configuration value that is missing or malformed; the message names the key to fix. */
public final class ConfigException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public ConfigException(String key, String value, String expected) {
    super("configuration " + key + " (" + Settings.environmentName(key) + ") is '" + value
        + "' but must be " + expected);
  }

  public ConfigException(String key, String problem) {
    super("configuration " + key + " (" + Settings.environmentName(key) + "): " + problem);
  }
}
