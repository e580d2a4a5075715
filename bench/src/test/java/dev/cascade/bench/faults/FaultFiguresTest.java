package dev.cascade.bench.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cascade.platform.json.Json;
import dev.cascade.schemas.Channel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FaultFiguresTest {

  private static final int AFTER = 30;

  private final Map<String, IntakeLoad.Sent> sent = new HashMap<>();
  private final Map<String, FaultObserver.Track> tracks = new HashMap<>();

  /** Message n, answered 202, stored, its WhatsApp step sent at {@code sentAt}. */
  private FaultObserver.Track accepted(long n, long sentAt) {
    IntakeLoad.Sent message = new IntakeLoad.Sent(n, FaultMix.to(n));
    message.acceptedAt = sentAt - 100;
    sent.put("fault-" + n, message);
    FaultObserver.Track track = new FaultObserver.Track();
    track.stored = true;
    track.sentAt.put(0, sentAt);
    track.sendCommands.put(0, 1);
    tracks.put("fault-" + n, track);
    return track;
  }

  private static void ended(FaultObserver.Track track, String status, Channel channel) {
    track.outcomes.merge(1, 1, Integer::sum);
    track.status = status;
    track.channel = channel;
    track.outcomeSeenAt = 1;
  }

  private static String report(long n, String kind, long plannedAt, long takenAt) {
    return String.format(
        "{\"channel\":\"WHATSAPP\",\"to\":\"%s\",\"kind\":\"%s\",\"plannedAt\":%d,\"takenAt\":%d,\"tries\":1}",
        FaultMix.to(n).substring(1), kind, plannedAt, takenAt); // Meta's API: no '+'
  }

  @Test
  void countsAFallbackAfterADeliveryDlrIngestHadTakenInTimeAsSpurious() throws Exception {
    // given: message 8 (…5000, late WhatsApp delivery) sent at 1000 s, so its timer is due at
    // 1030 s; dlr-ingest took the DELIVERED report at 1020 s, and yet RCS was sent
    FaultObserver.Track spurious = accepted(8, 1_000_000);
    spurious.sendCommands.put(1, 1);
    ended(spurious, "DELIVERED", Channel.RCS);
    // message 9: the report was planned for 1020 s, dlr-ingest (down) took it at 1040 s
    FaultObserver.Track untaken = accepted(9, 1_000_000);
    untaken.sendCommands.put(1, 1);
    ended(untaken, "DELIVERED", Channel.RCS);
    // message 10: delivered at 1020 s, no fallback: as it should be
    ended(accepted(10, 1_000_000), "DELIVERED", Channel.WHATSAPP);
    // message 17 (…3400, WhatsApp silent): its timer rightly fell back
    FaultObserver.Track silent = accepted(17, 1_000_000);
    silent.sendCommands.put(1, 1);
    ended(silent, "DELIVERED", Channel.RCS);
    JsonNode journal = Json.mapper()
        .readTree("{\"sends\":[],\"truncated\":false,\"reports\":["
            + String.join(
                ",",
                report(8, "DELIVERED", 1_020_000, 1_020_050),
                report(9, "DELIVERED", 1_020_000, 1_040_000),
                report(10, "DELIVERED", 1_020_000, 1_020_050))
            + "]}");

    // when
    List<String> detail = new ArrayList<>();
    Map<String, Double> figures = FaultFigures.compute(sent, tracks, journal, AFTER, detail);

    // then
    assertThat(figures.get("spurious_fallbacks")).isEqualTo(1.0);
    assertThat(figures.get("fallbacks_after_untaken_delivery")).isEqualTo(1.0);
    assertThat(figures.get("fallbacks")).isEqualTo(3.0);
    assertThat(figures.get("unexpected_outcomes")).isEqualTo(2.0); // 8 and 9 should end on WhatsApp
    assertThat(figures.get("lost")).isZero();
    assertThat(detail)
        .anyMatch(line -> line.startsWith("spurious fallback: fault-8 step 0 (WHATSAPP)"));
  }

  @Test
  void countsLostUnstoredDuplicateOutcomesAndDuplicateSends() throws Exception {
    // given: message 0 answered 202 but never stored nor ended; message 1 ended twice (same
    // revision) and its WhatsApp step was accepted twice by the provider; message 2 was never
    // answered 202 (the client gave up): not lost
    FaultObserver.Track neverStored = accepted(0, 1_000_000);
    neverStored.stored = false;
    FaultObserver.Track twice = accepted(1, 1_000_000);
    ended(twice, "DELIVERED", Channel.WHATSAPP);
    ended(twice, "DELIVERED", Channel.WHATSAPP);
    twice.outcomes.merge(2, 1, Integer::sum); // an amendment is not a duplicate
    sent.put("fault-2", new IntakeLoad.Sent(2, FaultMix.to(2)));
    String send = "{\"channel\":\"WHATSAPP\",\"to\":\"" + FaultMix.to(1).substring(1)
        + "\",\"providerMessageId\":\"w\",\"acceptedAt\":1}";
    JsonNode journal = Json.mapper()
        .readTree("{\"sends\":[" + send + "," + send + "],\"reports\":[],\"truncated\":false}");

    // when
    Map<String, Double> figures =
        FaultFigures.compute(sent, tracks, journal, AFTER, new ArrayList<>());

    // then
    assertThat(figures.get("messages")).isEqualTo(3.0);
    assertThat(figures.get("accepted")).isEqualTo(2.0);
    assertThat(figures.get("lost")).isEqualTo(1.0);
    assertThat(figures.get("accepted_not_stored")).isEqualTo(1.0);
    assertThat(figures.get("duplicate_outcomes")).isEqualTo(1.0);
    assertThat(figures.get("duplicate_provider_sends")).isEqualTo(1.0);
  }

  @Test
  void everyMessageHasADestinationOfItsOwnScriptedByItsScenario() {
    assertThat(FaultMix.to(8)).isEqualTo("+3930000085000");
    assertThat(FaultMix.to(17)).endsWith("3400");
    assertThat(FaultMix.to(19)).endsWith("1111");
    assertThat(FaultMix.to(20)).isNotEqualTo(FaultMix.to(0));
    assertThat(FaultConfig.parse("--after", "10").lateDelaySeconds()).isEqualTo(6);
  }
}
