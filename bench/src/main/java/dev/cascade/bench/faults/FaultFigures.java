package dev.cascade.bench.faults;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cascade.schemas.Channel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fault suite's figures, from what the client saw ({@link IntakeLoad.Sent}), what an outside
 * consumer saw on the topics ({@link FaultObserver.Track}) and the simulator's journal ({@code GET
 * /sim/journal}: each accepted send, each report with when it was planned and when dlr-ingest
 * took it).
 *
 * <ul>
 *   <li><b>lost</b>: answered 202 and no outcome by the end of the drain.
 *   <li><b>accepted not stored</b>: answered 202 and not on {@code send.requests}.
 *   <li><b>duplicate outcomes</b>: a second record of one messageId and revision.
 *   <li><b>spurious fallbacks</b>: step k+1 was sent although dlr-ingest had taken a DELIVERED (or
 *       READ) report of step k before step k's fallback timer was due (its send time plus {@code
 *       afterSeconds}): Cascade had what it needed to stop, and fell back.
 *   <li><b>fallbacks after an untaken delivery</b>: as above, but the report was planned (the provider had the
 *       delivery) before the due time and dlr-ingest took it only after (it was down): the
 *       person had the message before the fallback, yet Cascade had no way to know.
 *   <li><b>duplicate provider sends</b>: a provider accepted one step of one message twice (the
 *       same channel and destination; every message has a destination of its own).
 * </ul>
 */
final class FaultFigures {

  private static final Set<String> DELIVERED = Set.of("DELIVERED", "READ");

  private FaultFigures() {}

  /** A report dlr-ingest took, as the journal says. */
  record TakenReport(long plannedAt, long takenAt) {}

  static Map<String, Double> compute(
      Map<String, IntakeLoad.Sent> sent,
      Map<String, FaultObserver.Track> tracks,
      JsonNode journal,
      int afterSeconds,
      List<String> detail) {
    Map<String, List<TakenReport>> deliveries = new HashMap<>();
    for (JsonNode report : journal.path("reports")) {
      if (DELIVERED.contains(report.path("kind").asText())) {
        deliveries
            .computeIfAbsent(
                key(report.path("channel").asText(), report.path("to").asText()),
                key -> new ArrayList<>())
            .add(new TakenReport(
                report.path("plannedAt").asLong(), report.path("takenAt").asLong()));
      }
    }
    Map<String, Integer> sends = new HashMap<>();
    for (JsonNode send : journal.path("sends")) {
      sends.merge(key(send.path("channel").asText(), send.path("to").asText()), 1, Integer::sum);
    }

    long accepted = 0;
    long lost = 0;
    long notStored = 0;
    long storedWithoutOutcome = 0;
    long duplicateOutcomes = 0;
    long unexpected = 0;
    Map<String, Long> unexpectedByScenario = new java.util.TreeMap<>();
    long spurious = 0;
    long afterUntaken = 0;
    long fallbacks = 0;
    long duplicateSends = 0;
    for (Map.Entry<String, IntakeLoad.Sent> entry : sent.entrySet()) {
      String messageId = entry.getKey();
      IntakeLoad.Sent message = entry.getValue();
      FaultObserver.Track track = tracks.get(messageId);
      boolean wasAccepted = message.acceptedAt >= 0;
      boolean ended = track != null && track.outcomeSeenAt >= 0;
      if (wasAccepted) {
        accepted++;
        if (!ended) {
          lost++;
          example(detail, "lost (202, no outcome)", messageId);
        }
        if (track == null || !track.stored) {
          notStored++;
          example(detail, "202 but not stored", messageId);
        }
      } else if (track != null && track.stored && !ended) {
        storedWithoutOutcome++;
      }
      for (Channel channel : FaultMix.STEPS) {
        int times = sends.getOrDefault(key(channel.name(), message.to), 0);
        if (times > 1) {
          duplicateSends += times - 1;
          example(detail, "duplicate provider send", messageId + " " + channel);
        }
      }
      if (track == null) {
        continue;
      }
      for (int count : track.outcomes.values()) {
        if (count > 1) {
          duplicateOutcomes += count - 1;
          example(detail, "duplicate outcome", messageId);
        }
      }
      FaultMix.Scenario scenario = FaultMix.scenarioOf(message.n);
      if (ended && !scenario.expects(track.status, track.channel)) {
        unexpected++;
        unexpectedByScenario.merge(
            scenario.name().toLowerCase(java.util.Locale.ROOT) + ": " + track.status + " on "
                + track.channel,
            1L,
            Long::sum);
      }
      for (int step = 0; step + 1 < FaultMix.STEPS.length; step++) {
        if (!track.sendCommands.containsKey(step + 1)) {
          continue;
        }
        fallbacks++;
        Long sentAt = track.sentAt.get(step);
        if (sentAt == null) {
          continue;
        }
        long due = sentAt + afterSeconds * 1000L;
        List<TakenReport> reports =
            deliveries.getOrDefault(key(FaultMix.STEPS[step].name(), message.to), List.of());
        if (reports.stream().anyMatch(r -> r.takenAt() < due)) {
          spurious++;
          long taken = reports.stream().mapToLong(TakenReport::takenAt).min().orElseThrow();
          example(
              detail,
              "spurious fallback",
              String.format(
                  "%s step %d (%s): sent at %d, delivery taken by dlr-ingest %.1f s later,"
                      + " timer due %d s after the send",
                  messageId,
                  step,
                  FaultMix.STEPS[step],
                  sentAt,
                  (taken - sentAt) / 1000.0,
                  afterSeconds));
        } else if (reports.stream().anyMatch(r -> r.plannedAt() < due)) {
          afterUntaken++;
        }
      }
    }
    Map<String, Double> figures = new LinkedHashMap<>();
    figures.put("messages", (double) sent.size());
    figures.put("accepted", (double) accepted);
    figures.put("lost", (double) lost);
    figures.put("accepted_not_stored", (double) notStored);
    figures.put("stored_not_accepted_without_outcome", (double) storedWithoutOutcome);
    figures.put("duplicate_outcomes", (double) duplicateOutcomes);
    figures.put("spurious_fallbacks", (double) spurious);
    figures.put("fallbacks_after_untaken_delivery", (double) afterUntaken);
    figures.put("fallbacks", (double) fallbacks);
    figures.put("duplicate_provider_sends", (double) duplicateSends);
    figures.put("unexpected_outcomes", (double) unexpected);
    unexpectedByScenario.forEach(
        (what, count) -> detail.add("unexpected outcome, " + what + ": " + count + " messages"));
    figures.put("journal_truncated", journal.path("truncated").asBoolean() ? 1.0 : 0.0);
    return figures;
  }

  /**
   * A step's key in the journal: the channel and the destination's digits (the WhatsApp and
   * Infobip APIs take numbers without their {@code +}, RBM with it).
   */
  static String key(String channel, String to) {
    return channel + " " + to.replaceAll("[^0-9]", "");
  }

  /** Names the first few messages of each kind in the report, so they can be looked up. */
  private static void example(List<String> detail, String kind, String what) {
    long already = detail.stream().filter(line -> line.startsWith(kind + ":")).count();
    if (already < 5) {
      detail.add(kind + ": " + what);
    }
  }
}
