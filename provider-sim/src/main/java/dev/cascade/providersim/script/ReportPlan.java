package dev.cascade.providersim.script;

import dev.cascade.schemas.Channel;
import java.util.List;

/** The reports the simulator sends for an accepted message, in order, each shortly or after the late delay. */
public final class ReportPlan {

  /** A report kind every provider format can express (RBM has no failure events). */
  public enum Kind {
    SENT,
    DELIVERED,
    READ,
    UNDELIVERED,
    FAILED
  }

  /** One report: what, and whether it waits for the late delay instead of the short one. */
  public record Planned(Kind kind, boolean late) {}

  private ReportPlan() {}

  public static List<Planned> of(Behaviour behaviour, Channel channel) {
    boolean sms = channel == Channel.SMS;
    boolean rcs = channel == Channel.RCS;
    return switch (behaviour) {
      case DELIVER_AND_READ, FLAKY ->
        sms
            ? List.of(shortly(Kind.DELIVERED))
            : List.of(shortly(Kind.DELIVERED), shortly(Kind.READ));
      case DELIVER_NEVER_READ -> List.of(shortly(Kind.DELIVERED));
      case DELIVER_LATE -> List.of(new Planned(Kind.DELIVERED, true));
      case READ_LATE ->
        sms
            ? List.of(shortly(Kind.DELIVERED))
            : List.of(shortly(Kind.DELIVERED), new Planned(Kind.READ, true));
      // RBM reports no failures: an undelivered RCS message is only noticed by its timer
      case UNDELIVERED -> rcs ? List.of() : List.of(shortly(Kind.UNDELIVERED));
      case FAIL -> rcs ? List.of() : List.of(shortly(Kind.FAILED));
      case SILENT, REJECT, NOT_CAPABLE -> List.of();
    };
  }

  private static Planned shortly(Kind kind) {
    return new Planned(kind, false);
  }
}
