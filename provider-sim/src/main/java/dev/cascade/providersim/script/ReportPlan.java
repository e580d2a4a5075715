package dev.cascade.providersim.script;

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

  /**
   * The reports for {@code behaviour} on a channel with or without read receipts (the channel
   * catalogue says), from a provider that does or does not report failures (RBM does not: an
   * undelivered RCS message is only noticed by its timer).
   */
  public static List<Planned> of(
      Behaviour behaviour, boolean readReceipts, boolean reportsFailures) {
    return switch (behaviour) {
      case DELIVER_AND_READ, FLAKY ->
        readReceipts
            ? List.of(shortly(Kind.DELIVERED), shortly(Kind.READ))
            : List.of(shortly(Kind.DELIVERED));
      case DELIVER_NEVER_READ -> List.of(shortly(Kind.DELIVERED));
      case DELIVER_LATE -> List.of(new Planned(Kind.DELIVERED, true));
      case READ_LATE ->
        readReceipts
            ? List.of(shortly(Kind.DELIVERED), new Planned(Kind.READ, true))
            : List.of(shortly(Kind.DELIVERED));
      case UNDELIVERED -> reportsFailures ? List.of(shortly(Kind.UNDELIVERED)) : List.of();
      case FAIL -> reportsFailures ? List.of(shortly(Kind.FAILED)) : List.of();
      case SILENT, REJECT, NOT_CAPABLE -> List.of();
    };
  }

  private static Planned shortly(Kind kind) {
    return new Planned(kind, false);
  }
}
