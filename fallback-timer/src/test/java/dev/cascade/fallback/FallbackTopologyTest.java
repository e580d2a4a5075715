package dev.cascade.fallback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cascade.fallback.metrics.FallbackTimerMetrics;
import dev.cascade.fallback.orchestration.Event;
import dev.cascade.fallback.orchestration.MessageState;
import dev.cascade.fallback.processing.OrchestratorProcessor;
import dev.cascade.platform.config.Settings;
import dev.cascade.platform.kafka.CascadeTopics;
import dev.cascade.platform.kafka.Dlq;
import dev.cascade.platform.kafka.Watermarks;
import dev.cascade.schemas.AttemptResult;
import dev.cascade.schemas.CallbackDelivery;
import dev.cascade.schemas.Channel;
import dev.cascade.schemas.ChannelAttempt;
import dev.cascade.schemas.ChannelCommand;
import dev.cascade.schemas.CommandType;
import dev.cascade.schemas.Content;
import dev.cascade.schemas.Fallback;
import dev.cascade.schemas.FallbackTrigger;
import dev.cascade.schemas.FinalStatus;
import dev.cascade.schemas.MessageOutcome;
import dev.cascade.schemas.MessageStatus;
import dev.cascade.schemas.RawDeliveryReport;
import dev.cascade.schemas.ReportStatus;
import dev.cascade.schemas.SendRequest;
import dev.cascade.schemas.Step;
import dev.cascade.schemas.UsageEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The whole fallback-timer graph on TopologyTestDriver, with its wall clock advanced explicitly. */
class FallbackTopologyTest {

  private static final Instant T0 = Instant.parse("2026-04-09T10:00:00Z");

  private final CascadeTopics topics = new CascadeTopics();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private TopologyTestDriver driver;
  private Instant now = T0;
  private TestInputTopic<String, SendRequest> requests;
  private TestInputTopic<String, ChannelAttempt> attempts;
  private TestInputTopic<String, RawDeliveryReport> reports;
  private TestOutputTopic<String, ChannelCommand> whatsapp;
  private TestOutputTopic<String, ChannelCommand> sms;
  private TestOutputTopic<String, MessageOutcome> outcomes;
  private TestOutputTopic<String, UsageEvent> usage;
  private TestOutputTopic<String, MessageStatus> statuses;

  @BeforeEach
  void startDriver() {
    FallbackTimerConfig config = FallbackTimerConfig.from(Settings.of(Map.of()));
    FallbackTimerMetrics metrics = new FallbackTimerMetrics(registry);
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "fallback-timer-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(
        StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class);
    props.put(DeadLetterHandler.METRICS_CONFIG, metrics);
    driver = new TopologyTestDriver(FallbackTopology.build(config, topics, metrics), props, T0);
    requests = input(topics.sendRequests.name(), topics.sendRequests.valueSerde());
    attempts = input(topics.channelAttempts.name(), topics.channelAttempts.valueSerde());
    reports = input(topics.dlrRaw.name(), topics.dlrRaw.valueSerde());
    whatsapp = output(
        topics.channelCommands(Channel.WHATSAPP).name(),
        topics.channelCommands(Channel.WHATSAPP).valueSerde());
    sms = output(
        topics.channelCommands(Channel.SMS).name(),
        topics.channelCommands(Channel.SMS).valueSerde());
    outcomes = output(topics.messageOutcomes.name(), topics.messageOutcomes.valueSerde());
    usage = output(topics.usageEvents.name(), topics.usageEvents.valueSerde());
    statuses = output(topics.messageStatus.name(), topics.messageStatus.valueSerde());
  }

  @AfterEach
  void closeDriver() {
    driver.close();
  }

  @Test
  void seed004FallsBackToSmsAfter60sAndRecordsTheWhatsappDeliveryAt80sAsLateAndBilledTwice() {
    // given: WhatsApp, fallback on UNDELIVERED after 60 s, then SMS
    requests.pipeInput(new TestRecord<>("otp-1", seed004Request(), now));
    ChannelCommand whatsappSend = whatsapp.readValue();
    accept(whatsappSend, "meta", "wamid.HBgL1");

    // when: 60 s pass with no report
    advance(Duration.ofSeconds(60));

    // then: the SMS step leaves, and the SMS is delivered at 62 s
    ChannelCommand smsSend = sms.readValue();
    assertThat(smsSend.getContent().getText()).isEqualTo("Your code is 123456");
    accept(smsSend, "infobip", "4b1f0a");
    advance(Duration.ofSeconds(2));
    report("infobip", "4b1f0a", ReportStatus.DELIVERED);
    MessageOutcome first = outcomes.readValue();
    assertThat(first.getStatus()).isEqualTo(FinalStatus.DELIVERED);
    assertThat(first.getChannel()).isEqualTo(Channel.SMS);
    assertThat(first.getAttempts().getFirst().getReason()).isEqualTo("DELIVERY_TIMEOUT");

    // when: WhatsApp's DELIVERED arrives at 80 s
    advance(Duration.ofSeconds(18));
    report("meta", "wamid.HBgL1", ReportStatus.DELIVERED);

    // then: a late delivery, billed, with an amended outcome
    MessageOutcome amended = outcomes.readValue();
    assertThat(amended.getRevision()).isEqualTo(2);
    assertThat(amended.getDoubleDelivered()).isTrue();
    assertThat(amended.getAttempts().getFirst().getLateDelivery()).isTrue();
    assertThat(usage.readValuesToList())
        .extracting(UsageEvent::getChannel, UsageEvent::getLateAfterFallback)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Channel.SMS, false),
            org.assertj.core.groups.Tuple.tuple(Channel.WHATSAPP, true));
    assertThat(statuses.readValuesToList())
        .extracting(MessageStatus::getStatus)
        .contains("LATE_DELIVERY");
    assertThat(registry
            .get("cascade.late.delivery")
            .tag("channel", "WHATSAPP")
            .counter()
            .count())
        .isEqualTo(1);
    assertThat(registry
            .get("cascade.fallbacks")
            .tag("reason", "DELIVERY_TIMEOUT")
            .counter()
            .count())
        .isEqualTo(1);
  }

  @Test
  void aReportThatArrivesBeforeItsAttemptWaitsInTheJoinWindowAndIsMatched() {
    // given
    requests.pipeInput(new TestRecord<>("otp-1", seed004Request(), now));
    ChannelCommand whatsappSend = whatsapp.readValue();

    // when: the provider's webhook is faster than the worker's attempt record
    report("meta", "wamid.EARLY", ReportStatus.DELIVERED);
    accept(whatsappSend, "meta", "wamid.EARLY");

    // then
    MessageOutcome outcome = outcomes.readValue();
    assertThat(outcome.getStatus()).isEqualTo(FinalStatus.DELIVERED);
    assertThat(outcome.getChannel()).isEqualTo(Channel.WHATSAPP);
  }

  @Test
  void aReportThatMatchesNoAttemptWithinTheWindowGoesToTheDeadLetterTopic() {
    // given: a report for a message id no attempt ever named
    report("meta", "wamid.UNKNOWN", ReportStatus.DELIVERED);

    // when: stream time passes the correlation window (49 h) and its grace
    now = now.plus(Duration.ofHours(50));
    report("meta", "wamid.LATER", ReportStatus.DELIVERED);

    // then
    var dlq = output(topics.dlrRaw.dlqName(), topics.dlrRaw.valueSerde());
    TestRecord<String, RawDeliveryReport> dead = dlq.readRecord();
    assertThat(dead.key()).isEqualTo("meta:wamid.UNKNOWN");
    assertThat(new String(dead.headers().lastHeader(Dlq.ERROR_HEADER).value()))
        .contains("correlation window");
    assertThat(registry
            .get("cascade.reports.unmatched")
            .tag("provider", "meta")
            .counter()
            .count())
        .isEqualTo(1);
  }

  @Test
  void aTimerFiresAtItsDueTimeAndNotBefore() {
    requests.pipeInput(new TestRecord<>("otp-1", seed004Request(), now));
    accept(whatsapp.readValue(), "meta", "wamid.1");

    advance(Duration.ofMillis(59_800));
    assertThat(sms.isEmpty()).isTrue();
    advance(Duration.ofMillis(300));
    assertThat(sms.isEmpty()).isFalse();
    assertThat(registry.get("cascade.timer.fire.lag").timer().count()).isEqualTo(1);
  }

  @Test
  void anUndecodableRecordGoesToTheDeadLetterTopicWithErrorHeaders() {
    var raw = driver.createInputTopic(
        topics.sendRequests.name(), new StringSerializer(), new ByteArraySerializer());
    raw.pipeInput("bad-1", "not avro".getBytes());

    var dlq = driver.createOutputTopic(
        topics.sendRequests.dlqName(),
        Serdes.String().deserializer(),
        Serdes.ByteArray().deserializer());
    TestRecord<String, byte[]> dead = dlq.readRecord();
    assertThat(dead.value()).isEqualTo("not avro".getBytes());
    assertThat(new String(dead.headers().lastHeader(Dlq.ERROR_HEADER).value()))
        .contains("send.requests")
        .contains("not Avro single-object encoded");
    assertThat(registry
            .get("cascade.dlq")
            .tag("topic", "send.requests.dlq")
            .counter()
            .count())
        .isEqualTo(1);
  }

  @Test
  void aRequestProducedDirectlyThatBreaksTheRulesGoesToTheDeadLetterTopicAndStopsNothing() {
    // given: an SMS step converting from nothing, and a window in a zone that does not exist
    SendRequest broken = seed004Request();
    broken.setMessageId("broken-1");
    broken.getSteps().get(1).getContent().setText(null);
    broken.getSteps().get(1).getContent().setSmsConversion(dev.cascade.schemas.SmsConversion.AUTO);
    broken.getSteps().get(0).getContent().setText(null);
    broken.setDeliveryWindow(dev.cascade.schemas.DeliveryWindow.newBuilder()
        .setDays(List.of("MONDAY"))
        .setFrom("08:00")
        .setTo("20:00")
        .setZone("Mars/Olympus")
        .build());

    // when
    requests.pipeInput(new TestRecord<>("broken-1", broken, now));
    requests.pipeInput(new TestRecord<>("otp-1", seed004Request(), now));

    // then
    var dlq = output(topics.sendRequests.dlqName(), topics.sendRequests.valueSerde());
    TestRecord<String, SendRequest> dead = dlq.readRecord();
    assertThat(dead.value().getMessageId()).isEqualTo("broken-1");
    assertThat(new String(dead.headers().lastHeader(Dlq.ERROR_HEADER).value()))
        .contains("steps[1].content")
        .contains("deliveryWindow");
    assertThat(whatsapp.readValue().getMessageId()).isEqualTo("otp-1");
  }

  @Test
  void aReportReceivedBeforeTheTimerButDelayedInKafkaWinsOverTheTimer() {
    // given: WhatsApp accepted at T0, fallback after 60 s; dlr-ingest beats every 10 s
    requests.pipeInput(new TestRecord<>("otp-1", seed004Request(), now));
    ChannelCommand whatsappSend = whatsapp.readValue();
    accept(whatsappSend, "meta", "wamid.HBgL1");
    for (int second = 10; second <= 50; second += 10) {
      advance(Duration.ofSeconds(10));
      reportWatermark("dlr-ingest-a", now);
    }
    Instant deliveredReceived = now.plusSeconds(9); // 59 s: dlr-ingest has it, Kafka not yet

    // when: the timer comes due while the report is still on its way
    advance(Duration.ofSeconds(15));

    // then: the timer is held, nothing is sent
    assertThat(sms.isEmpty()).isTrue();
    assertThat(counter("cascade.timer.holds", "REPORTS_BEHIND")).isEqualTo(1);

    // when: the report arrives, then dlr-ingest's watermark passes the due time
    report("meta", "wamid.HBgL1", ReportStatus.DELIVERED, deliveredReceived);
    reportWatermark("dlr-ingest-a", now);
    advance(Duration.ofMillis(100));

    // then: delivered on WhatsApp; the SMS never leaves
    MessageOutcome outcome = outcomes.readValue();
    assertThat(outcome.getStatus()).isEqualTo(FinalStatus.DELIVERED);
    assertThat(outcome.getChannel()).isEqualTo(Channel.WHATSAPP);
    assertThat(outcome.getFallbackCount()).isZero();
    assertThat(sms.isEmpty()).isTrue();
  }

  @Test
  void aHeldTimerFiresOnceTheWatermarkPassesItsDueTime() {
    requests.pipeInput(new TestRecord<>("otp-1", seed004Request(), now));
    accept(whatsapp.readValue(), "meta", "wamid.HBgL1");

    advanceLagging(Duration.ofSeconds(61), at -> reportWatermark("dlr-ingest-a", at));
    assertThat(sms.isEmpty())
        .as("held: dlr-ingest moves, but is still 10 s behind")
        .isTrue();

    reportWatermark("dlr-ingest-a", now);
    letWatermarksThrough();

    assertThat(sms.readValue().getMessageId()).isEqualTo("otp-1");
    assertThat(counter("cascade.timer.holds.at.max", "REPORTS_BEHIND")).isZero();
  }

  @Test
  void theReportPathWaitsForTheAttemptsAReportMayStillWaitForInTheJoin() {
    // given: WhatsApp accepted at T0 (timer due at 60 s); dlr-ingest is at 61 s, but the workers'
    // watermark reaches correlation 10 s behind (after a restart: the attempt backlog)
    requests.pipeInput(new TestRecord<>("otp-1", seed004Request(), now));
    accept(whatsapp.readValue(), "meta", "wamid.HBgL1");
    attemptWatermark("channel-workers-a", now.minusSeconds(10));
    reportWatermark("dlr-ingest-a", now.plusSeconds(61));

    // when
    advanceLagging(Duration.ofSeconds(61), at -> attemptWatermark("channel-workers-a", at));

    // then: held — a report could still be waiting in the join for an attempt not yet there
    assertThat(sms.isEmpty()).isTrue();

    // when: the attempts have caught up too
    attemptWatermark("channel-workers-a", now);
    letWatermarksThrough();

    // then
    assertThat(sms.readValue().getMessageId()).isEqualTo("otp-1");
  }

  @Test
  void aReportPathThatStandsStillHoldsTimersAtMostTheMaxHold() {
    // given: dlr-ingest beat, then went silent (down) at 30 s
    aWhatsAppSendWhileDlrIngestBeatsFor30Seconds();

    // when: the timer is due at 60 s; the path stands still from 30 s
    advance(Duration.ofSeconds(59));
    assertThat(sms.isEmpty()).isTrue();
    advance(Duration.ofSeconds(2));

    // then: the fallback goes at 90 s, late but not never, and the release is counted
    assertThat(sms.readValue().getMessageId()).isEqualTo("otp-1");
    assertThat(counter("cascade.timer.holds.at.max", "REPORTS_BEHIND")).isEqualTo(1);
    KeyValueStore<String, MessageState> store =
        driver.getKeyValueStore(OrchestratorProcessor.MESSAGES_STORE);
    assertThat(store.get("otp-1").events())
        .filteredOn(e -> e.is(Event.Type.TIMER_HELD))
        .singleElement()
        .satisfies(e -> {
          assertThat(e.status()).isEqualTo("DELIVERY_TIMEOUT");
          assertThat(e.detail()).contains("stood still for timer.max.hold");
        });
  }

  @Test
  void timeTheStreamThreadWasStalledDoesNotCountTowardsTheMaxHold() {
    // given: dlr-ingest beat, then went silent at 30 s; the timer is due at 60 s
    aWhatsAppSendWhileDlrIngestBeatsFor30Seconds();
    advance(Duration.ofSeconds(10));

    // when: fallback-timer's stream thread is blocked for 40 s (a broker restart), then runs
    stall(Duration.ofSeconds(40));
    advance(Duration.ofSeconds(39));

    // then: 89 s of wall clock since the path stood still, 49 s of them with the task running
    assertThat(sms.isEmpty()).as("still held: the stall does not count").isTrue();
    advance(Duration.ofSeconds(12));
    assertThat(sms.readValue().getMessageId()).isEqualTo("otp-1");
    assertThat(counter("cascade.timer.holds.at.max", "REPORTS_BEHIND")).isEqualTo(1);
  }

  @Test
  void aReportPathCatchingUpHoldsATimerPastTheMaxHoldUntilItsWatermarkPassesTheDueTime() {
    // given: after a restart the report path reads a backlog, its watermark moving at a third of
    // the wall clock's pace (the timer is due at 60 s)
    requests.pipeInput(new TestRecord<>("otp-1", seed004Request(), now));
    accept(whatsapp.readValue(), "meta", "wamid.HBgL1");
    Instant start = now;

    // when: 170 s pass, the watermark at 56 s, a minute and more past the due time
    for (int second = 1; second <= 170; second++) {
      advance(Duration.ofSeconds(1));
      reportWatermark("dlr-ingest-a", start.plusMillis(second * 1000L / 3));
    }

    // then: still held, as the report it waits for may be in the next second of the backlog
    assertThat(sms.isEmpty()).as("held while the path catches up").isTrue();
    for (int second = 171; second <= 181; second++) {
      advance(Duration.ofSeconds(1));
      reportWatermark("dlr-ingest-a", start.plusMillis(second * 1000L / 3));
    }
    assertThat(sms.readValue().getMessageId()).isEqualTo("otp-1");
    assertThat(counter("cascade.timer.holds.at.max", "REPORTS_BEHIND")).isZero();
  }

  @Test
  void aDispatchTimeoutWaitsForTheWorkersWatermarkNotForDlrIngests() {
    // given: a command no attempt came back for; workers beat, dlr-ingest went silent
    requests.pipeInput(new TestRecord<>("otp-1", seed004Request(), now));
    whatsapp.readValue();
    reportWatermark("dlr-ingest-a", now);

    // when: the 5-minute dispatch timeout passes, the workers' watermark 10 s behind the clock
    advanceLagging(
        Duration.ofMinutes(5).plusSeconds(1), at -> attemptWatermark("channel-workers-a", at));
    assertThat(outcomes.isEmpty()).as("held for the workers' path").isTrue();
    attemptWatermark("channel-workers-a", now);
    advance(Duration.ofMillis(100));

    // then: the step gave way at once (a send failure, which this step does not fall back on),
    // not after dlr-ingest's max hold
    MessageOutcome outcome = outcomes.readValue();
    assertThat(outcome.getStatus()).isEqualTo(FinalStatus.FAILED);
    assertThat(outcome.getAttempts().getFirst().getReason()).isEqualTo("DISPATCH_TIMEOUT");
    assertThat(counter("cascade.timer.holds.at.max", "ATTEMPTS_BEHIND")).isZero();
  }

  @Test
  void withoutAnyWatermarkSourceTimersFireOnTheWallClockAlone() {
    requests.pipeInput(new TestRecord<>("otp-1", seed004Request(), now));
    accept(whatsapp.readValue(), "meta", "wamid.HBgL1");

    advance(Duration.ofSeconds(60));

    assertThat(sms.readValue().getMessageId()).isEqualTo("otp-1");
    assertThat(counter("cascade.timer.holds", "REPORTS_BEHIND")).isZero();
  }

  @Test
  void aBacklogOfBeaconsReadInABurstIsRelayedAsItsNewestWatermarkNotAsEachOfThem() {
    // given: the paths caught up once
    attemptWatermark("channel-workers-a", now);
    reportWatermark("dlr-ingest-a", now);
    TestOutputTopic<String, byte[]> relayed = driver.createOutputTopic(
        topics.deliveryReports.name(), new StringDeserializer(), new ByteArrayDeserializer());
    relayed.readRecordsToList();

    // when: a restart's backlog, 500 beacons of each path, read within the same instant
    for (int beat = 1; beat <= 500; beat++) {
      attemptWatermark("channel-workers-a", now.plusMillis(100L * beat));
      reportWatermark("dlr-ingest-a", now.plusMillis(100L * beat));
    }

    // then: nothing more is relayed before the gap is over, then the newest watermark once
    assertThat(relayed.readRecordsToList()).isEmpty();
    driver.advanceWallClockTime(Duration.ofMillis(100));
    List<TestRecord<String, byte[]>> after = relayed.readRecordsToList();
    assertThat(after)
        .isNotEmpty()
        .allSatisfy(record -> assertThat(record.value()).isNull());
    assertThat(after)
        .extracting(record -> Watermarks.read(record.headers()).orElseThrow().at())
        .containsOnly(now.plusMillis(100L * 500));
  }

  private void reportWatermark(String source, Instant at) {
    driver
        .createInputTopic(topics.dlrRaw.name(), new StringSerializer(), new ByteArraySerializer())
        .pipeInput(watermarkRecord(source, at));
  }

  private void attemptWatermark(String source, Instant at) {
    driver
        .createInputTopic(
            topics.channelAttempts.name(), new StringSerializer(), new ByteArraySerializer())
        .pipeInput(watermarkRecord(source, at));
  }

  private TestRecord<String, byte[]> watermarkRecord(String source, Instant at) {
    return new TestRecord<>(
        source, null, Watermarks.headers(new Watermarks.Beat(source, at, false)), now);
  }

  private double counter(String name, String reason) {
    return registry.get(name).tag("reason", reason).counter().count();
  }

  @Test
  void theTimelineInTheStoreShowsTheFiredTimerTheLateDeliveryAndTheCallback() {
    // given: seed 004 played through the topology, and the outcome callback delivered
    requests.pipeInput(new TestRecord<>("otp-1", seed004Request(), now));
    accept(whatsapp.readValue(), "meta", "wamid.HBgL1");
    advance(Duration.ofSeconds(60));
    accept(sms.readValue(), "infobip", "4b1f0a");
    advance(Duration.ofSeconds(2));
    report("infobip", "4b1f0a", ReportStatus.DELIVERED);
    advance(Duration.ofSeconds(18));
    report("meta", "wamid.HBgL1", ReportStatus.DELIVERED);

    // when: the callbacks service says it delivered the amended outcome
    input(topics.callbackDeliveries.name(), topics.callbackDeliveries.valueSerde())
        .pipeInput(new TestRecord<>(
            "otp-1",
            CallbackDelivery.newBuilder()
                .setMessageId("otp-1")
                .setDeliveryId("dlv-1")
                .setEvent("OUTCOME")
                .setUrl("https://hooks.example.com/cascade")
                .setDelivered(true)
                .setHttpStatus(200)
                .setTries(1)
                .setAt(now)
                .build(),
            now));

    // then: the stored state (what GET /v1/messages/{id}/events reads) has the whole story
    KeyValueStore<String, MessageState> store =
        driver.getKeyValueStore(OrchestratorProcessor.MESSAGES_STORE);
    List<Event> events = store.get("otp-1").events();
    assertThat(events)
        .extracting(Event::type)
        .containsSubsequence(
            "ACCEPTED",
            "COMMAND",
            "ATTEMPT",
            "TIMER_ARMED",
            "TIMER_FIRED",
            "COMMAND",
            "ATTEMPT",
            "REPORT",
            "OUTCOME",
            "REPORT",
            "LATE_DELIVERY",
            "OUTCOME",
            "CALLBACK_DELIVERED");
    assertThat(events)
        .filteredOn(e -> e.is(Event.Type.TIMER_FIRED))
        .singleElement()
        .satisfies(e -> {
          assertThat(e.status()).isEqualTo("DELIVERY_TIMEOUT");
          assertThat(e.at()).isEqualTo(T0.plusSeconds(60));
        });
    assertThat(events)
        .filteredOn(e -> e.is(Event.Type.REPORT))
        .extracting(Event::channel, Event::provider, Event::detail)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                Channel.SMS, "infobip", "provider status delivered"),
            org.assertj.core.groups.Tuple.tuple(
                Channel.WHATSAPP, "meta", "provider status delivered"));
    assertThat(events.getLast().code()).isEqualTo("200");
  }

  private SendRequest seed004Request() {
    Step whatsappStep = Step.newBuilder()
        .setChannel(Channel.WHATSAPP)
        .setSender("106540352242922")
        .setContent(Content.newBuilder().setText("Your code is 123456").build())
        .setFallback(Fallback.newBuilder()
            .setOn(List.of(FallbackTrigger.UNDELIVERED))
            .setAfterSeconds(60)
            .build())
        .build();
    Step smsStep = Step.newBuilder()
        .setChannel(Channel.SMS)
        .setSender("Cascade")
        .setContent(Content.newBuilder().setText("Your code is 123456").build())
        .build();
    return SendRequest.newBuilder()
        .setMessageId("otp-1")
        .setTo("+393401235000")
        .setSteps(List.of(whatsappStep, smsStep))
        .build();
  }

  private void accept(ChannelCommand command, String provider, String providerMessageId) {
    attempts.pipeInput(new TestRecord<>(
        command.getMessageId(),
        ChannelAttempt.newBuilder()
            .setAttemptId(command.getAttemptId())
            .setMessageId(command.getMessageId())
            .setStep(command.getStep())
            .setChannel(command.getChannel())
            .setProvider(provider)
            .setCommandType(CommandType.SEND)
            .setOutcome(AttemptResult.ACCEPTED)
            .setProviderMessageIds(List.of(providerMessageId))
            .setEncoding(command.getChannel() == Channel.SMS ? "GSM7" : null)
            .setParts(command.getChannel() == Channel.SMS ? 1 : null)
            .setAttemptedAt(now)
            .build(),
        now));
  }

  private void report(String provider, String providerMessageId, ReportStatus status) {
    report(provider, providerMessageId, status, now);
  }

  private void report(
      String provider, String providerMessageId, ReportStatus status, Instant receivedAt) {
    reports.pipeInput(new TestRecord<>(
        provider + ":" + providerMessageId,
        RawDeliveryReport.newBuilder()
            .setProvider(provider)
            .setProviderMessageId(providerMessageId)
            .setStatus(status)
            .setProviderStatus(status.name().toLowerCase())
            .setOccurredAt(receivedAt)
            .setReceivedAt(receivedAt)
            .build(),
        now));
  }

  /**
   * Advances the wall clock second by second, {@code beat} taking a watermark 10 s behind it each
   * second: a path that moves but lags (a backlog), which holds timers however long it takes.
   */
  private void advanceLagging(Duration total, java.util.function.Consumer<Instant> beat) {
    for (long second = 0; second < total.toSeconds(); second++) {
      advance(Duration.ofSeconds(1));
      beat.accept(now.minusSeconds(10));
    }
  }

  /**
   * Two short ticks: a watermark that came within the relay's gap of the one before it goes on at
   * the next tick (see WatermarkThrottle), the timer it releases at the tick after.
   */
  private void letWatermarksThrough() {
    advance(Duration.ofMillis(100));
    advance(Duration.ofMillis(100));
  }

  /** otp-1 sent on WhatsApp (its delivery timer due at 60 s); dlr-ingest beats every second to 30 s. */
  private void aWhatsAppSendWhileDlrIngestBeatsFor30Seconds() {
    requests.pipeInput(new TestRecord<>("otp-1", seed004Request(), now));
    accept(whatsapp.readValue(), "meta", "wamid.HBgL1");
    for (int second = 1; second <= 30; second++) {
      advance(Duration.ofSeconds(1));
      reportWatermark("dlr-ingest-a", now);
    }
  }

  /**
   * The wall clock moves on by {@code duration}, ticking at least every second as a running
   * stream thread does (a longer gap between ticks is a stall, see PathProgress).
   */
  private void advance(Duration duration) {
    Duration left = duration;
    while (left.isPositive()) {
      Duration step = left.compareTo(Duration.ofSeconds(1)) > 0 ? Duration.ofSeconds(1) : left;
      now = now.plus(step);
      driver.advanceWallClockTime(step);
      left = left.minus(step);
    }
  }

  /** The stream thread did not run for {@code duration} (blocked on a broker that is down). */
  private void stall(Duration duration) {
    now = now.plus(duration);
    driver.advanceWallClockTime(duration);
  }

  private <V> TestInputTopic<String, V> input(
      String name, org.apache.kafka.common.serialization.Serde<V> serde) {
    return driver.createInputTopic(name, new StringSerializer(), serde.serializer());
  }

  private <V> TestOutputTopic<String, V> output(
      String name, org.apache.kafka.common.serialization.Serde<V> serde) {
    return driver.createOutputTopic(name, Serdes.String().deserializer(), serde.deserializer());
  }
}
