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
import java.util.Map;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.SMPPSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The simulated SMSC stops and starts on demand (provider failover tests and demos): stopped, it
 * refuses binds and drops the ones it had; started again, it takes binds on the same port.
 */
class SmscStopStartTest {

  // the SMSC listens on the port it is given (jSMPP does not report a port chosen for 0)
  private final ProviderSimulator simulator = ProviderSimulator.start(Settings.of(Map.of(
      "sim.http.port",
      "0",
      "sim.smpp.port",
      String.valueOf(freePort()),
      "sim.webhook.base.url",
      "http://localhost:9")));
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
    SMPPSession session = new SMPPSession();
    try {
      session.connectAndBind(
          "localhost",
          simulator.smppPort(),
          new BindParameter(
              BindType.BIND_TX,
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
