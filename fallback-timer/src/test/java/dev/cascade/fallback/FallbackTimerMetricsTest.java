package dev.cascade.fallback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cascade.fallback.metrics.FallbackTimerMetrics;
import dev.cascade.platform.config.Settings;
import dev.cascade.platform.kafka.CascadeTopics;
import dev.cascade.schemas.AttemptResult;
import dev.cascade.schemas.Channel;
import dev.cascade.schemas.ChannelAttempt;
import dev.cascade.schemas.ChannelCommand;
import dev.cascade.schemas.CommandType;
import dev.cascade.schemas.Content;
import dev.cascade.schemas.Fallback;
import dev.cascade.schemas.FallbackTrigger;
import dev.cascade.schemas.RawDeliveryReport;
import dev.cascade.schemas.ReportStatus;
import dev.cascade.schemas.SendRequest;
import dev.cascade.schemas.Step;
import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * fallback-timer's SPEC section 6 meters on the whole graph (TopologyTestDriver, wall clock
 * advanced explicitly), read as Prometheus exposes them: every family at zero from the start, and
 * the key counters moving with the right labels on the events that move them.
 */
class FallbackTimerMetricsTest {

  private static final Instant T0 = Instant.parse("2026-04-09T10:00:00Z");

  private final CascadeTopics topics = new CascadeTopics();
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private TopologyTestDriver driver;
  private Instant now = T0;
  private TestInputTopic<String, SendRequest> requests;
  private TestInputTopic<String, ChannelAttempt> attempts;
  private TestInputTopic<String, RawDeliveryReport> reports;
  private TestOutputTopic<String, ChannelCommand> whatsapp;
  private TestOutputTopic<String, ChannelCommand> sms;

  @BeforeEach
  void startDriver() {
    FallbackTimerConfig config = FallbackTimerConfig.from(Settings.of(Map.of()));
    FallbackTimerMetrics metrics = new FallbackTimerMetrics(registry);
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "fallback-timer-metrics-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(
        StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class);
    props.put(DeadLetterHandler.METRICS_CONFIG, metrics);
    driver = new TopologyTestDriver(FallbackTopology.build(config, topics, metrics), props, T0);
    requests = input(topics.sendRequests.name(), topics.sendRequests.valueSerde());
    attempts = input(topics.channelAttempts.name(), topics.channelAttempts.valueSerde());
    reports = input(topics.dlrRaw.name(), topics.dlrRaw.valueSerde());
    whatsapp = output(topics.channelCommands(Channel.WHATSAPP));
    sms = output(topics.channelCommands(Channel.SMS));
  }

  @AfterEach
  void closeDriver() {
    driver.close();
  }

  @Test
  void everyFamilyIsExposedAtZeroBeforeTheFirstMessage() {
    // when: nothing has happened yet
    String scrape = registry.scrape();

    // then: each SPEC section 6 family is there, at zero, for label values from the enums and
    // the channel catalogue
    assertThat(scrape)
        .contains("cascade_messages_received_total{source=\"http\"} 0.0")
        .contains("cascade_messages_received_total{source=\"kafka\"} 0.0")
        .contains("cascade_messages_accepted_total 0.0")
        .contains("cascade_messages_completed_total{channel=\"VIBER\",status=\"EXPIRED\"} 0.0")
        .contains("cascade_messages_completed_total{channel=\"NONE\",status=\"FAILED\"} 0.0")
        .contains("cascade_reports_total{channel=\"RCS\",status=\"READ\"} 0.0")
        .contains(
            "cascade_fallbacks_total{from=\"WHATSAPP\",reason=\"DELIVERY_TIMEOUT\",to=\"SMS\"} 0.0")
        .contains(
            "cascade_fallbacks_total{from=\"RCS\",reason=\"DEVICE_NOT_CAPABLE\",to=\"SMS\"} 0.0")
        .contains("cascade_late_delivery_total{channel=\"VIBER\"} 0.0")
        .contains("cascade_time_to_final_seconds_count{channel=\"SMS\"} 0")
        .contains("cascade_time_to_final_seconds_bucket{channel=\"SMS\",le=\"60.0\"} 0")
        .contains("cascade_time_to_delivered_seconds_count{channel=\"WHATSAPP\"} 0")
        .contains("cascade_timer_fire_lag_seconds_count 0")
        .contains("cascade_timers_pending ")
        .contains("cascade_reports_unmatched_total{provider=\"smpp\"} 0.0")
        .contains("cascade_dlq_total{topic=\"send.requests.dlq\"} 0.0")
        .contains("cascade_dlq_total{topic=\"dlr.raw.dlq\"} 0.0");
    // SMS has no read receipts: no UNREAD fallback can leave it
    assertThat(scrape).doesNotContain("from=\"SMS\",reason=\"UNREAD\"");
    assertThat(scrape).doesNotContain("reason=\"INVALID_REQUEST\"");
  }

  @Test
  void aDeliveryTimeoutFallbackCountsOnceWithItsChannelsAndReason() {
    // given: WhatsApp accepted, no report
    requests.pipeInput(
        new TestRecord<>("otp-1", whatsappThenSms("otp-1", FallbackTrigger.UNDELIVERED), now));
    accept(whatsapp.readValue(), "meta", "wamid.1");

    // when: 60 s pass
    advance(Duration.ofSeconds(60));

    // then
    assertThat(sms.isEmpty()).isFalse();
    assertThat(fallbacks("WHATSAPP", "SMS", "DELIVERY_TIMEOUT")).isEqualTo(1);
    assertThat(allFallbacks()).isEqualTo(1);
    assertThat(registry.get("cascade.timer.fire.lag").timer().count()).isEqualTo(1);
    assertThat(registry.get("cascade.messages.accepted").counter().count()).isEqualTo(1);
    assertThat(registry
            .get("cascade.messages.received")
            .tag("source", "kafka")
            .counter()
            .count())
        .isEqualTo(1);
  }

  @Test
  void aRejectedSendFallsBackWithSendFailedAtOnce() {
    // given
    requests.pipeInput(
        new TestRecord<>("otp-2", whatsappThenSms("otp-2", FallbackTrigger.SEND_FAILED), now));

    // when: Meta refuses the send (not a WhatsApp user)
    attempts.pipeInput(new TestRecord<>(
        "otp-2",
        attempt(whatsapp.readValue(), "meta", AttemptResult.REJECTED, List.of())
            .setProviderCode("131026")
            .build(),
        now));

    // then
    assertThat(fallbacks("WHATSAPP", "SMS", "SEND_FAILED")).isEqualTo(1);
    assertThat(fallbacks("WHATSAPP", "SMS", "DELIVERY_TIMEOUT")).isZero();
    assertThat(allFallbacks()).isEqualTo(1);
  }

  @Test
  void aLateDeliveryCountsOnTheChannelThatDeliveredLateAndTheMessageCompletesOnce() {
    // given: the WhatsApp step timed out and SMS delivered
    requests.pipeInput(
        new TestRecord<>("otp-3", whatsappThenSms("otp-3", FallbackTrigger.UNDELIVERED), now));
    accept(whatsapp.readValue(), "meta", "wamid.3");
    advance(Duration.ofSeconds(60));
    accept(sms.readValue(), "infobip", "sms-3");
    advance(Duration.ofSeconds(2));
    report("infobip", "sms-3", ReportStatus.DELIVERED);

    // when: WhatsApp's DELIVERED arrives at 80 s
    advance(Duration.ofSeconds(18));
    report("meta", "wamid.3", ReportStatus.DELIVERED);

    // then
    assertThat(lateDeliveries("WHATSAPP")).isEqualTo(1);
    assertThat(lateDeliveries("SMS")).isZero();
    assertThat(registry
            .get("cascade.reports")
            .tags("channel", "WHATSAPP", "status", "DELIVERED")
            .counter()
            .count())
        .isEqualTo(1);
    // the amended outcome (revision 2) is not a second completion
    assertThat(registry
            .get("cascade.messages.completed")
            .tags("status", "DELIVERED", "channel", "SMS")
            .counter()
            .count())
        .isEqualTo(1);
    assertThat(registry.get("cascade.messages.completed").counters().stream()
            .mapToDouble(Counter::count)
            .sum())
        .isEqualTo(1);
    assertThat(registry
            .get("cascade.time.to.final")
            .tag("channel", "SMS")
            .summary()
            .totalAmount())
        .isEqualTo(62.0);
    assertThat(registry.scrape())
        .contains("cascade_late_delivery_total{channel=\"WHATSAPP\"} 1.0")
        .contains("cascade_time_to_delivered_seconds_bucket{channel=\"SMS\",le=\"120.0\"} 1");
  }

  private double fallbacks(String from, String to, String reason) {
    return registry
        .get("cascade.fallbacks")
        .tags("from", from, "to", to, "reason", reason)
        .counter()
        .count();
  }

  private double allFallbacks() {
    return registry.get("cascade.fallbacks").counters().stream()
        .mapToDouble(Counter::count)
        .sum();
  }

  private double lateDeliveries(String channel) {
    return registry
        .get("cascade.late.delivery")
        .tag("channel", channel)
        .counter()
        .count();
  }

  private static SendRequest whatsappThenSms(String messageId, FallbackTrigger trigger) {
    Step whatsappStep = Step.newBuilder()
        .setChannel(Channel.WHATSAPP)
        .setSender("106540352242922")
        .setContent(Content.newBuilder().setText("Your code is 123456").build())
        .setFallback(
            Fallback.newBuilder().setOn(List.of(trigger)).setAfterSeconds(60).build())
        .build();
    Step smsStep = Step.newBuilder()
        .setChannel(Channel.SMS)
        .setSender("Cascade")
        .setContent(Content.newBuilder().setText("Your code is 123456").build())
        .build();
    return SendRequest.newBuilder()
        .setMessageId(messageId)
        .setTo("+393401235000")
        .setSteps(List.of(whatsappStep, smsStep))
        .build();
  }

  private void accept(ChannelCommand command, String provider, String providerMessageId) {
    attempts.pipeInput(new TestRecord<>(
        command.getMessageId(),
        attempt(command, provider, AttemptResult.ACCEPTED, List.of(providerMessageId))
            .setEncoding(command.getChannel() == Channel.SMS ? "GSM7" : null)
            .setParts(command.getChannel() == Channel.SMS ? 1 : null)
            .build(),
        now));
  }

  private ChannelAttempt.Builder attempt(
      ChannelCommand command, String provider, AttemptResult result, List<String> ids) {
    return ChannelAttempt.newBuilder()
        .setAttemptId(command.getAttemptId())
        .setMessageId(command.getMessageId())
        .setStep(command.getStep())
        .setChannel(command.getChannel())
        .setProvider(provider)
        .setCommandType(CommandType.SEND)
        .setOutcome(result)
        .setProviderMessageIds(ids)
        .setAttemptedAt(now);
  }

  private void report(String provider, String providerMessageId, ReportStatus status) {
    reports.pipeInput(new TestRecord<>(
        provider + ":" + providerMessageId,
        RawDeliveryReport.newBuilder()
            .setProvider(provider)
            .setProviderMessageId(providerMessageId)
            .setStatus(status)
            .setProviderStatus(status.name().toLowerCase())
            .setOccurredAt(now)
            .setReceivedAt(now)
            .build(),
        now));
  }

  private void advance(Duration duration) {
    now = now.plus(duration);
    driver.advanceWallClockTime(duration);
  }

  private <V> TestInputTopic<String, V> input(String name, Serde<V> serde) {
    return driver.createInputTopic(name, new StringSerializer(), serde.serializer());
  }

  private TestOutputTopic<String, ChannelCommand> output(
      dev.cascade.platform.kafka.TopicSpec<String, ChannelCommand> topic) {
    return driver.createOutputTopic(
        topic.name(), Serdes.String().deserializer(), topic.valueSerde().deserializer());
  }
}
