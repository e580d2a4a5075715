package dev.cascade.providersim.core;

import dev.cascade.schemas.Channel;
import java.util.ArrayList;
import java.util.List;

/**
 * What the simulator did, for a test harness to check from outside (the fault suite, {@code bench/run
 * faults}): every send it accepted, and every report it sent with when it was planned and when
 * dlr-ingest took it (answered 200, so the report was stored in Kafka). Served as JSON on {@code GET
 * /sim/journal}. Bounded: past {@link #MAX_ENTRIES} entries of either kind it stops recording and
 * says so ({@code truncated}), so a long-running simulator does not grow without end.
 */
public final class Journal {

  static final int MAX_ENTRIES = 1_000_000;

  /** A send a provider accepted: the same (channel, to) twice is a duplicate provider send. */
  public record Send(Channel channel, String to, String providerMessageId, long acceptedAt) {}

  /**
   * A report dlr-ingest took: when the script planned it (the provider had it then) and when
   * dlr-ingest answered 200, in epoch milliseconds, and after how many tries.
   */
  public record Report(
      Channel channel, String to, String kind, long plannedAt, long takenAt, int tries) {}

  /** The whole journal, as served. */
  public record Snapshot(List<Send> sends, List<Report> reports, boolean truncated) {}

  private final List<Send> sends = new ArrayList<>();
  private final List<Report> reports = new ArrayList<>();
  private boolean truncated;

  synchronized void sent(SentMessage message, long acceptedAt) {
    if (sends.size() >= MAX_ENTRIES) {
      truncated = true;
      return;
    }
    sends.add(new Send(message.channel(), message.to(), message.providerMessageId(), acceptedAt));
  }

  synchronized void reported(
      SentMessage message, String kind, long plannedAt, long takenAt, int tries) {
    if (reports.size() >= MAX_ENTRIES) {
      truncated = true;
      return;
    }
    reports.add(new Report(message.channel(), message.to(), kind, plannedAt, takenAt, tries));
  }

  public synchronized Snapshot snapshot() {
    return new Snapshot(List.copyOf(sends), List.copyOf(reports), truncated);
  }
}
