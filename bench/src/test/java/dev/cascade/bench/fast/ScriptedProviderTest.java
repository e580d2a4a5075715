package dev.cascade.bench.fast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cascade.schemas.AttemptResult;
import dev.cascade.schemas.Channel;
import dev.cascade.schemas.ChannelCommand;
import dev.cascade.schemas.CommandType;
import dev.cascade.schemas.Content;
import dev.cascade.schemas.RawDeliveryReport;
import dev.cascade.schemas.ReportStatus;
import dev.cascade.workers.provider.ProviderResult;
import dev.cascade.workers.provider.TransientProviderException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ScriptedProviderTest {

  private static final Duration SHORTLY = Duration.ofMillis(20);
  private static final Duration LATE = Duration.ofMillis(300);

  private final List<RawDeliveryReport> reports = new CopyOnWriteArrayList<>();
  private final ScriptedProvider provider = new ScriptedProvider(
      Clock.systemUTC(), Executors.newSingleThreadScheduledExecutor(), SHORTLY, LATE, reports::add);

  @AfterEach
  void close() {
    provider.close();
  }

  @Test
  void eachChannelDoesWhatItsDigitOfTheDestinationSays() throws Exception {
    String whatsappAndRcsReject = "+393401231100";

    ProviderResult whatsapp = send(Channel.WHATSAPP, whatsappAndRcsReject);
    ProviderResult rcs = send(Channel.RCS, whatsappAndRcsReject);
    ProviderResult sms = send(Channel.SMS, whatsappAndRcsReject);

    assertThat(whatsapp.outcome()).isEqualTo(AttemptResult.REJECTED);
    assertThat(whatsapp.providerCode()).isEqualTo("131026");
    assertThat(rcs.providerCode()).isEqualTo("AGENT_NOT_REACHABLE");
    assertThat(sms.outcome()).isEqualTo(AttemptResult.ACCEPTED);
    assertThat(sms.encoding()).isEqualTo("GSM7");
    assertThat(sms.parts()).isEqualTo(1);
    RawDeliveryReport delivered = awaitReports(1).getFirst();
    assertThat(delivered.getProvider()).isEqualTo("fast");
    assertThat(delivered.getProviderMessageId())
        .isEqualTo(sms.providerMessageIds().getFirst());
    assertThat(delivered.getStatus()).isEqualTo(ReportStatus.DELIVERED);
    assertThat(delivered.getChannel()).isEqualTo(Channel.SMS);
  }

  @Test
  void aDeliveredAndReadMessageIsReportedDeliveredThenRead() throws Exception {
    ProviderResult accepted = send(Channel.WHATSAPP, "+393401230000");

    assertThat(awaitReports(2))
        .allSatisfy(report -> assertThat(report.getProviderMessageId())
            .isEqualTo(accepted.providerMessageIds().getFirst()))
        .extracting(RawDeliveryReport::getStatus)
        .containsExactly(ReportStatus.DELIVERED, ReportStatus.READ);
  }

  @Test
  void aLateDeliveryComesAfterTheLateDelayNotShortly() throws Exception {
    // reports carry milliseconds (Avro timestamp-millis): compare at that precision
    Instant sent = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    send(Channel.WHATSAPP, "+393401235000");

    Thread.sleep(SHORTLY.multipliedBy(5).toMillis());
    assertThat(reports).isEmpty();
    RawDeliveryReport late = awaitReports(1).getFirst();
    assertThat(late.getReceivedAt()).isAfterOrEqualTo(sent.plus(LATE));
  }

  @Test
  void rcsFailuresAreNotReportedAsRbmReportsNone() throws Exception {
    assertThat(send(Channel.RCS, "+393401230200").outcome()).isEqualTo(AttemptResult.ACCEPTED);
    assertThat(send(Channel.SMS, "+393401230002").outcome()).isEqualTo(AttemptResult.ACCEPTED);

    RawDeliveryReport smsUndelivered = awaitReports(1).getFirst();
    Thread.sleep(SHORTLY.multipliedBy(5).toMillis());
    assertThat(reports).containsExactly(smsUndelivered);
    assertThat(smsUndelivered.getStatus()).isEqualTo(ReportStatus.UNDELIVERED);
  }

  @Test
  void aFlakyDestinationFailsTransientlyTwiceThenIsAccepted() throws Exception {
    ChannelCommand command = command(Channel.WHATSAPP, "+393401239000");

    for (int failure = 0; failure < 2; failure++) {
      assertThatThrownBy(() -> provider.send(command).toCompletableFuture().get())
          .isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(TransientProviderException.class);
    }
    assertThat(provider.send(command).toCompletableFuture().get().outcome())
        .isEqualTo(AttemptResult.ACCEPTED);
  }

  @Test
  void aRevokeIsAnsweredAsTheSimulatorDoes() throws Exception {
    assertThat(revoke("+393401230300").outcome()).isEqualTo(AttemptResult.ALREADY_DELIVERED);
    assertThat(revoke("+393401230500").outcome()).isEqualTo(AttemptResult.REVOKED);
  }

  private ProviderResult send(Channel channel, String to) throws Exception {
    return provider.send(command(channel, to)).toCompletableFuture().get();
  }

  private ProviderResult revoke(String to) throws Exception {
    ChannelCommand command = command(Channel.RCS, to);
    command.setType(CommandType.REVOKE);
    return provider.revoke(command).toCompletableFuture().get();
  }

  private List<RawDeliveryReport> awaitReports(int count) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 5_000;
    while (reports.size() < count && System.currentTimeMillis() < deadline) {
      Thread.sleep(5);
    }
    assertThat(reports).hasSize(count);
    return List.copyOf(reports);
  }

  private static ChannelCommand command(Channel channel, String to) {
    String attempt = UUID.randomUUID().toString();
    return ChannelCommand.newBuilder()
        .setType(CommandType.SEND)
        .setAttemptId(attempt)
        .setMessageId("message-" + attempt)
        .setStep(0)
        .setChannel(channel)
        .setTo(to)
        .setSender("Cascade")
        .setContent(Content.newBuilder().setText("Your code is 123456").build())
        .setIssuedAt(Instant.now())
        .build();
  }
}
