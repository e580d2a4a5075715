package dev.cascade.providersim.smpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cascade.platform.config.Settings;
import dev.cascade.providersim.ProviderSimulator;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.AlertNotification;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.SMSCDeliveryReceipt;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The simulated SMSC stops and starts on demand (provider failover tests and demos): stopped, it
 * refuses binds and drops the ones it had; started again, it takes binds on the same port. Like a
 * real SMSC it stores receipts while no receiver is bound and forwards them when one binds, and
 * never hands out a message id twice, across a restart too.
 */
class SmscStopStartTest {

  // the SMSC listens on the port it is given (jSMPP does not report a port chosen for 0)
  private final ProviderSimulator simulator = ProviderSimulator.start(Settings.of(Map.of(
      "sim.http.port",
      "0",
      "sim.smpp.port",
      String.valueOf(freePort()),
      "sim.webhook.base.url",
      "http://localhost:9",
      "sim.report.delay.ms",
      "50")));
  private final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void stop() {
    simulator.close();
  }

  @Test
  void aStoppedSmscRefusesBindsAndDropsItsSessionsUntilStartedAgain() throws Exception {
    // given: a transmitter bound
    SMPPSession before = bind();
    assertThat(before.getSessionState().isBound()).isTrue();

    // when
    assertThat(control("stop")).isEqualTo("{\"smsc\":\"stopped\"}");

    // then
    assertThatThrownBy(this::bind).isInstanceOf(IOException.class);
    org.awaitility.Awaitility.await()
        .untilAsserted(() -> assertThat(before.getSessionState().isBound()).isFalse());

    // when
    assertThat(control("start")).isEqualTo("{\"smsc\":\"running\"}");

    // then
    SMPPSession after = bind();
    assertThat(after.getSessionState().isBound()).isTrue();
    after.unbindAndClose();
  }

  @Test
  void receiptsWaitForAReceiverAcrossARestartAndComeInOrderWhenItBinds() throws Exception {
    // given: two SMS delivered while no receiver is bound, one before and one after a restart
    SMPPSession transmitter = bind(BindType.BIND_TX, null);
    String first = submit(transmitter);
    Thread.sleep(2_000); // its receipt is due, and nobody takes it
    control("stop");
    control("start");
    SMPPSession again = bind(BindType.BIND_TX, null);
    String second = submit(again);
    Thread.sleep(2_000);

    // when: a receiver binds
    List<String> receipts = new CopyOnWriteArrayList<>();
    SMPPSession receiver = bind(BindType.BIND_RX, new CollectingListener(receipts));

    // then: both receipts come at once, oldest first, and the ids were not reused
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(2))
        .untilAsserted(() -> assertThat(receipts).hasSize(2));
    assertThat(second).isNotEqualTo(first);
    assertThat(receipts.get(0)).startsWith("id:" + Long.parseLong(first, 16) + " ");
    assertThat(receipts.get(1)).startsWith("id:" + Long.parseLong(second, 16) + " ");
    assertThat(receipts).allSatisfy(receipt -> assertThat(receipt).contains("stat:DELIVRD"));
    receiver.unbindAndClose();
    again.unbindAndClose();
  }

  /** An SMS to a destination that delivers (SPEC section 9), with a receipt asked for. */
  private static String submit(SMPPSession transmitter) throws Exception {
    return transmitter
        .submitShortMessage(
            "",
            TypeOfNumber.ALPHANUMERIC,
            NumberingPlanIndicator.UNKNOWN,
            "Cascade",
            TypeOfNumber.INTERNATIONAL,
            NumberingPlanIndicator.ISDN,
            "393401230000",
            new ESMClass(),
            (byte) 0,
            (byte) 1,
            null,
            null,
            new RegisteredDelivery(SMSCDeliveryReceipt.SUCCESS_FAILURE),
            (byte) 0,
            DataCodings.ZERO,
            (byte) 0,
            "Your code is 482913".getBytes(StandardCharsets.US_ASCII))
        .getMessageId();
  }

  private record CollectingListener(List<String> receipts) implements MessageReceiverListener {
    @Override
    public void onAcceptDeliverSm(DeliverSm deliverSm) {
      receipts.add(new String(deliverSm.getShortMessage(), StandardCharsets.US_ASCII));
    }

    @Override
    public void onAcceptAlertNotification(AlertNotification alertNotification) {}

    @Override
    public DataSmResult onAcceptDataSm(DataSm dataSm, Session source)
        throws ProcessRequestException {
      throw new ProcessRequestException("not used", SMPPConstant.STAT_ESME_RINVCMDID);
    }
  }

  private static int freePort() {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private String control(String action) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(
        HttpRequest.newBuilder(
                URI.create("http://localhost:" + simulator.port() + "/sim/smsc/" + action))
            .POST(HttpRequest.BodyPublishers.noBody())
            .build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }

  private SMPPSession bind() throws IOException {
    return bind(BindType.BIND_TX, null);
  }

  private SMPPSession bind(BindType type, MessageReceiverListener listener) throws IOException {
    SMPPSession session = new SMPPSession();
    if (listener != null) {
      session.setMessageReceiverListener(listener);
    }
    try {
      session.connectAndBind(
          "localhost",
          simulator.smppPort(),
          new BindParameter(
              type,
              "cascade",
              "devpass",
              "cascade",
              TypeOfNumber.UNKNOWN,
              NumberingPlanIndicator.UNKNOWN,
              null));
    } catch (IOException e) {
      session.close();
      throw e;
    }
    return session;
  }
}
