package dev.cascade.intake.api;

import dev.cascade.intake.api.MessageRequestJson.ValidityPeriodJson;
import java.util.Locale;

/** Step validity: 1 s to 48 h (the Infobip ceiling), as seconds or as {amount, timeUnit}. */
final class Validity {

  static final long MAX_SECONDS = 172_800;

  private Validity() {}

  /** The period in seconds, or null when its unit or amount is not valid. */
  static Long seconds(ValidityPeriodJson period) {
    if (period.amount() == null || period.amount() < 1 || period.timeUnit() == null) {
      return null;
    }
    long unit = switch (period.timeUnit().toUpperCase(Locale.ROOT)) {
      case "SECONDS" -> 1;
      case "MINUTES" -> 60;
      case "HOURS" -> 3600;
      case "DAYS" -> 86_400;
      default -> 0;
    };
    return unit == 0 ? null : period.amount() * unit;
  }
}
