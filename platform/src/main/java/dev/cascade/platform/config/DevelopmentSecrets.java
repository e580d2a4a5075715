package dev.cascade.platform.config;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The development secrets — the API key {@code dev-key}, the webhook secret {@code dev-secret}, the
 * provider token {@code dev-token} and the SMPP password {@code devpass}, published in the README
 * and the defaults of their settings — and the check that keeps a service from running with them
 * outside the development profile ({@code profile=dev}, environment {@code CASCADE_PROFILE=dev}),
 * which the all-in-one sets.
 */
public final class DevelopmentSecrets {

  private static final Logger LOGGER = LoggerFactory.getLogger(DevelopmentSecrets.class);

  /** The setting that names the profile; only {@value #DEV_PROFILE} allows development secrets. */
  public static final String PROFILE_KEY = "profile";

  public static final String DEV_PROFILE = "dev";

  /** Every published development secret. */
  public static final Set<String> VALUES = Set.of("dev-key", "dev-secret", "dev-token", "devpass");

  /**
   * One secret setting of a service.
   *
   * @param development whether it holds, or defaults to, a development secret
   */
  public record Secret(String key, boolean development) {

    /** A setting whose default is a development secret: development when unset or set to one. */
    public static Secret of(Settings settings, String key) {
      return new Secret(key, settings.optional(key).map(VALUES::contains).orElse(true));
    }
  }

  private DevelopmentSecrets() {}

  /** Whether {@code settings} run the development profile. */
  public static boolean devProfile(Settings settings) {
    return settings
        .optional(PROFILE_KEY)
        .map(profile -> profile.toLowerCase(Locale.ROOT).equals(DEV_PROFILE))
        .orElse(false);
  }

  /**
   * Fails naming every setting of {@code secrets} that holds a development secret, unless the
   * development profile is on.
   */
  public static void check(Settings settings, String service, List<Secret> secrets) {
    List<String> development =
        secrets.stream().filter(Secret::development).map(Secret::key).distinct().toList();
    if (development.isEmpty()) {
      return;
    }
    if (devProfile(settings)) {
      LOGGER
          .atInfo()
          .addKeyValue("service", service)
          .addKeyValue("settings", development)
          .log("development profile: running with the development secrets");
      return;
    }
    StringBuilder problem = new StringBuilder(
        "holds a development secret (unset, it defaults to one; they are published)");
    if (development.size() > 1) {
      problem.append(", and so do ");
      problem.append(String.join(
          ", ",
          development.subList(1, development.size()).stream()
              .map(key -> key + " (" + Settings.environmentName(key) + ")")
              .toList()));
    }
    problem
        .append(". ")
        .append(service)
        .append(" runs with development secrets only in the development profile (")
        .append(PROFILE_KEY)
        .append('=')
        .append(DEV_PROFILE)
        .append(", ")
        .append(Settings.environmentName(PROFILE_KEY))
        .append('=')
        .append(DEV_PROFILE)
        .append("); anywhere else, set real secrets");
    throw new ConfigException(development.getFirst(), problem.toString());
  }
}
