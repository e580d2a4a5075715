package dev.cascade.dlringest;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GSMSpecificFeature;
import org.jsmpp.bean.MessageMode;
import org.jsmpp.bean.MessageType;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.session.BindRequest;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.SMPPServerSessionListener;

/** An SMSC for tests (jSMPP's server session): accepts dlr-ingest's receiver bind and sends it receipts. */
final class TestSmsc implements AutoCloseable {

  private final SMPPServerSessionListener listener;
  private final int port;
  private final CompletableFuture<SMPPServerSession> receiver = new CompletableFuture<>();

  private TestSmsc(int port) throws IOException {
    this.port = port;
    this.listener = new SMPPServerSessionListener(port);
  }

  static TestSmsc start() throws IOException {
    int free;
    try (ServerSocket probe = new ServerSocket(0)) {
      free = probe.getLocalPort();
    }
    TestSmsc smsc = new TestSmsc(free);
    Thread.ofPlatform().daemon().name("test-smsc").start(smsc::acceptReceiver);
    return smsc;
  }

  int port() {
    return port;
  }

  private void acceptReceiver() {
    try {
      SMPPServerSession session = listener.accept();
      session.setTransactionTimer(10_000);
      BindRequest bind = session.waitForBind(10_000);
      bind.accept("test-smsc");
      receiver.complete(session);
    } catch (Exception e) {
      receiver.completeExceptionally(e);
    }
  }

  /** Sends {@code receipt} as a deliver_sm; returns once the receiver answered, throws on a negative answer. */
  void deliverReceipt(String receipt) throws Exception {
    SMPPServerSession session = receiver.get(20, TimeUnit.SECONDS);
    session.deliverShortMessage(
        "",
        TypeOfNumber.INTERNATIONAL,
        NumberingPlanIndicator.ISDN,
        "393401230000",
        TypeOfNumber.ALPHANUMERIC,
        NumberingPlanIndicator.UNKNOWN,
        "Cascade",
        new ESMClass(MessageMode.DEFAULT, MessageType.SMSC_DEL_RECEIPT, GSMSpecificFeature.DEFAULT),
        (byte) 0,
        (byte) 0,
        new RegisteredDelivery(0),
        DataCodings.ZERO,
        receipt.getBytes(StandardCharsets.ISO_8859_1));
  }

  @Override
  public void close() throws IOException {
    SMPPServerSession session = receiver.getNow(null);
    if (session != null) {
      session.unbindAndClose();
    }
    listener.close();
  }
}
