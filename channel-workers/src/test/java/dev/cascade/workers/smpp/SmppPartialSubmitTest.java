package dev.cascade.workers.smpp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cascade.schemas.AttemptResult;
import dev.cascade.schemas.Channel;
import dev.cascade.workers.provider.Commands;
import dev.cascade.workers.provider.ProviderResult;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jsmpp.PDUStringException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.BroadcastSm;
import org.jsmpp.bean.CancelBroadcastSm;
import org.jsmpp.bean.CancelSm;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.QueryBroadcastSm;
import org.jsmpp.bean.QuerySm;
import org.jsmpp.bean.ReplaceSm;
import org.jsmpp.bean.SubmitMulti;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.BroadcastSmResult;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.QueryBroadcastSmResult;
import org.jsmpp.session.QuerySmResult;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.SMPPServerSessionListener;
import org.jsmpp.session.ServerMessageReceiverListener;
import org.jsmpp.session.Session;
import org.jsmpp.session.SubmitMultiResult;
import org.jsmpp.session.SubmitSmResult;
import org.jsmpp.util.MessageId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A multipart SMS whose second part meets a transient SMSC error after the first was accepted is
 * an answer, not an unavailable provider: retrying it, or failing over to another provider, would
 * send the first part twice.
 */
class SmppPartialSubmitTest {

  private final AtomicInteger submits = new AtomicInteger();
  private final ExecutorService accepting = Executors.newCachedThreadPool();
  private SMPPServerSessionListener smsc;
  private SmppProvider provider;

  @AfterEach
  void stop() throws IOException {
    if (provider != null) {
      provider.close();
    }
    smsc.close();
    accepting.shutdownNow();
  }

  @Test
  void aThrottledSecondPartAfterAnAcceptedFirstIsARejectionNotATransientFailure() throws Exception {
    // given: an SMSC that accepts the first submit_sm and throttles every later one
    int port = freePort();
    smsc = new SMPPServerSessionListener(port);
    smsc.setMessageReceiverListener(new ThrottleAfterFirst());
    accepting.submit(this::acceptBinds);
    provider = new SmppProvider(new SmppConfig("localhost", port, "cascade", "devpass", 50));

    // when: 200 GSM characters, two parts
    ProviderResult result = provider
        .send(Commands.text(Channel.SMS, "x".repeat(200)))
        .toCompletableFuture()
        .join();

    // then
    assertThat(result.outcome()).isEqualTo(AttemptResult.REJECTED);
    assertThat(result.providerCode()).isEqualTo("SMPP_0x00000058");
    assertThat(submits).hasValue(2);
  }

  private void acceptBinds() {
    while (!Thread.currentThread().isInterrupted()) {
      try {
        SMPPServerSession session = smsc.accept();
        accepting.submit(() -> {
          try {
            session.waitForBind(5_000).accept("test-smsc");
          } catch (TimeoutException | IOException | PDUStringException e) {
            session.close();
          }
        });
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private final class ThrottleAfterFirst implements ServerMessageReceiverListener {
    @Override
    public SubmitSmResult onAcceptSubmitSm(SubmitSm submit, SMPPServerSession source)
        throws ProcessRequestException {
      if (submits.incrementAndGet() > 1) {
        throw new ProcessRequestException("throttled", SMPPConstant.STAT_ESME_RTHROTTLED);
      }
      try {
        return new SubmitSmResult(new MessageId("4f1a0001"), new OptionalParameter[0]);
      } catch (PDUStringException e) {
        throw new ProcessRequestException(e.getMessage(), SMPPConstant.STAT_ESME_RSYSERR);
      }
    }

    @Override
    public SubmitMultiResult onAcceptSubmitMulti(SubmitMulti submitMulti, SMPPServerSession source)
        throws ProcessRequestException {
      throw unsupported();
    }

    @Override
    public QuerySmResult onAcceptQuerySm(QuerySm querySm, SMPPServerSession source)
        throws ProcessRequestException {
      throw unsupported();
    }

    @Override
    public void onAcceptReplaceSm(ReplaceSm replaceSm, SMPPServerSession source)
        throws ProcessRequestException {
      throw unsupported();
    }

    @Override
    public void onAcceptCancelSm(CancelSm cancelSm, SMPPServerSession source)
        throws ProcessRequestException {
      throw unsupported();
    }

    @Override
    public BroadcastSmResult onAcceptBroadcastSm(BroadcastSm broadcastSm, SMPPServerSession source)
        throws ProcessRequestException {
      throw unsupported();
    }

    @Override
    public void onAcceptCancelBroadcastSm(CancelBroadcastSm cancel, SMPPServerSession source)
        throws ProcessRequestException {
      throw unsupported();
    }

    @Override
    public QueryBroadcastSmResult onAcceptQueryBroadcastSm(
        QueryBroadcastSm query, SMPPServerSession source) throws ProcessRequestException {
      throw unsupported();
    }

    @Override
    public DataSmResult onAcceptDataSm(DataSm dataSm, Session source)
        throws ProcessRequestException {
      throw unsupported();
    }

    private ProcessRequestException unsupported() {
      return new ProcessRequestException("not supported", SMPPConstant.STAT_ESME_RINVCMDID);
    }
  }
}
