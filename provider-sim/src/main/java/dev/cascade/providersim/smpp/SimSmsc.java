package dev.cascade.providersim.smpp;

import dev.cascade.providersim.core.Reporter;
import dev.cascade.providersim.core.SentMessage;
import dev.cascade.providersim.script.Behaviour;
import dev.cascade.providersim.script.ReportPlan;
import dev.cascade.providersim.smpp.SmscStore.HeldReceipt;
import dev.cascade.schemas.Channel;
import java.io.IOException;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jsmpp.PDUStringException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.BroadcastSm;
import org.jsmpp.bean.CancelBroadcastSm;
import org.jsmpp.bean.CancelSm;
import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliveryReceipt;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GSMSpecificFeature;
import org.jsmpp.bean.MessageMode;
import org.jsmpp.bean.MessageType;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.QueryBroadcastSm;
import org.jsmpp.bean.QuerySm;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.ReplaceSm;
import org.jsmpp.bean.SubmitMulti;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.BindRequest;
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
import org.jsmpp.util.DeliveryReceiptState;
import org.jsmpp.util.MessageId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated SMSC speaking SMPP 3.4 (jSMPP's server session): transmitters submit_sm, and
 * delivery receipts go as deliver_sm to the bound receivers. submit_sm_resp ids are hexadecimal
 * while receipts name the same message in decimal, as many real SMSCs do. The destination's SMS
 * digit scripts each part (SPEC section 9). Receipts no receiver is bound to take are held in the
 * {@link SmscStore} and forwarded, in order, as soon as one binds (store and forward).
 */
public final class SimSmsc implements AutoCloseable {

  private static final Logger LOGGER = LoggerFactory.getLogger(SimSmsc.class);

  private final SMPPServerSessionListener listener;
  private final Reporter reporter;
  private final String password;
  private final List<SMPPServerSession> receivers = new CopyOnWriteArrayList<>();
  /** Every session, transmitters too: closing the SMSC drops them all, as a stopped SMSC would. */
  private final List<SMPPServerSession> sessions = new CopyOnWriteArrayList<>();

  private final ExecutorService binds = Executors.newCachedThreadPool(r -> {
    Thread thread = new Thread(r, "sim-smsc");
    thread.setDaemon(true);
    return thread;
  });
  private final ScheduledExecutorService forwarder =
      Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "sim-smsc-receipts");
        thread.setDaemon(true);
        return thread;
      });
  private final SmscStore store;

  public SimSmsc(int port, String password, Reporter reporter, SmscStore store) throws IOException {
    this.reporter = reporter;
    this.password = password;
    this.store = store;
    this.listener = new SMPPServerSessionListener(port);
    listener.setMessageReceiverListener(new Submissions());
    binds.submit(this::acceptLoop);
    // a deliver_sm that failed on a bound receiver (say, no deliver_sm_resp in time) is tried again
    forwarder.scheduleWithFixedDelay(this::forwardHeld, 500, 500, TimeUnit.MILLISECONDS);
  }

  public int port() {
    return listener.getPort();
  }

  private void acceptLoop() {
    while (!Thread.currentThread().isInterrupted()) {
      try {
        SMPPServerSession session = listener.accept();
        binds.submit(() -> bind(session));
      } catch (IOException e) {
        return; // the listener was closed
      }
    }
  }

  private void bind(SMPPServerSession session) {
    sessions.add(session);
    try {
      BindRequest request = session.waitForBind(5_000);
      if (!password.equals(request.getPassword())) {
        request.reject(SMPPConstant.STAT_ESME_RINVPASWD);
        return;
      }
      request.accept("sim-smsc");
      if (request.getBindType() == BindType.BIND_RX || request.getBindType() == BindType.BIND_TRX) {
        receivers.add(session);
        forwarder.execute(this::forwardHeld);
      }
    } catch (TimeoutException | IOException | PDUStringException e) {
      LOGGER.atDebug().log("SMPP bind not completed: " + e.getMessage());
    }
  }

  /**
   * Sends a receipt to a bound receiver, or holds it until one binds (behind any already held, so
   * a message's receipts keep their order). Throws only when the store is full, so the reporter
   * retries.
   */
  private void receipt(SentMessage message, ReportPlan.Kind kind, Instant at, Runnable taken)
      throws IOException {
    DeliveryReceiptState state = switch (kind) {
      case DELIVERED, READ -> DeliveryReceiptState.DELIVRD;
      case UNDELIVERED -> DeliveryReceiptState.UNDELIV;
      case FAILED -> DeliveryReceiptState.REJECTD;
      case SENT -> DeliveryReceiptState.ACCEPTD;
    };
    String decimalId = Long.toString(Long.parseLong(message.providerMessageId(), 16));
    String error = state == DeliveryReceiptState.DELIVRD ? "000" : "001";
    DeliveryReceipt receipt = new DeliveryReceipt(
        decimalId,
        1,
        state == DeliveryReceiptState.DELIVRD ? 1 : 0,
        Date.from(at),
        Date.from(at),
        state,
        error,
        "");
    HeldReceipt deliver =
        new HeldReceipt(message.to(), message.sender(), receipt.toString().getBytes(), taken);
    if (!store.isHolding() && deliverToAReceiver(deliver)) {
      return;
    }
    if (!store.hold(deliver)) {
      throw new IOException(
          "no receiver is bound and " + SmscStore.MAX_HELD + " receipts are held already");
    }
    forwarder.execute(this::forwardHeld);
  }

  private void forwardHeld() {
    int forwarded = store.forward(this::deliverToAReceiver);
    if (forwarded > 0) {
      LOGGER.atInfo().addKeyValue("receipts", forwarded).log("held SMPP receipts forwarded");
    }
  }

  /** True when a bound receiver answered the deliver_sm. */
  private boolean deliverToAReceiver(HeldReceipt receipt) {
    for (SMPPServerSession receiver : receivers) {
      if (!receiver.getSessionState().isBound()) {
        receivers.remove(receiver);
        continue;
      }
      try {
        receiver.deliverShortMessage(
            "",
            TypeOfNumber.INTERNATIONAL,
            NumberingPlanIndicator.ISDN,
            receipt.to(),
            TypeOfNumber.ALPHANUMERIC,
            NumberingPlanIndicator.UNKNOWN,
            receipt.from(),
            new ESMClass(
                MessageMode.DEFAULT, MessageType.SMSC_DEL_RECEIPT, GSMSpecificFeature.DEFAULT),
            (byte) 0,
            (byte) 0,
            new RegisteredDelivery(0),
            DataCodings.ZERO,
            receipt.shortMessage());
        receipt.taken().run();
        return true;
      } catch (Exception e) {
        LOGGER.atDebug().log("deliver_sm not answered: " + e.getMessage());
      }
    }
    return false;
  }

  private final class Submissions implements ServerMessageReceiverListener {
    @Override
    public SubmitSmResult onAcceptSubmitSm(SubmitSm submit, SMPPServerSession source)
        throws ProcessRequestException {
      String to = submit.getDestAddress();
      Behaviour behaviour = Behaviour.of(to, Channel.SMS);
      if (behaviour == Behaviour.REJECT) {
        throw new ProcessRequestException(
            "invalid destination address", SMPPConstant.STAT_ESME_RINVDSTADR);
      }
      String id = store.nextMessageId();
      if (submit.getRegisteredDelivery() != 0) {
        reporter.acceptedOver(
            new SentMessage(Channel.SMS, id, to, submit.getSourceAddr()),
            behaviour == Behaviour.FLAKY ? Behaviour.DELIVER_AND_READ : behaviour,
            SimSmsc.this::receipt,
            true);
      }
      try {
        return new SubmitSmResult(new MessageId(id), new org.jsmpp.bean.OptionalParameter[0]);
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
      return new ProcessRequestException(
          "not supported by the simulator", SMPPConstant.STAT_ESME_RINVCMDID);
    }
  }

  @Override
  public void close() {
    try {
      listener.close();
    } catch (IOException e) {
      LOGGER.atDebug().log("SMSC listener close: " + e.getMessage());
    }
    forwarder.shutdownNow();
    sessions.forEach(SMPPServerSession::unbindAndClose);
    binds.shutdownNow();
  }
}
