package dev.cascade.workers.provider;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@link ProviderFactory} as a provider plugin. Read before the factory is used, so a
 * plugin's name and configuration type are declared, not computed.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Plugin {

  /** The provider's name: on attempts, in step {@code provider}, in {@code provider.<name>.*} keys. */
  String name();

  /** The record the factory builds from configuration; checked when the plugin is loaded. */
  Class<? extends ProviderConfig> configType();
}
