package dev.cascade.dlringest.smpp;

import dev.cascade.dlringest.reports.DlrPublisher;
import dev.cascade.dlringest.reports.Publication;
import java.io.IOException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.AlertNotification;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.MessageType;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.extra.SessionState;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * dlr-ingest's own receiver bind to the SMSC: each deliver_sm receipt is published to dlr.raw and
 * answered (deliver_sm_resp) only after Kafka acknowledged it, so the SMSC redelivers anything
 * not stored. The bind is re-established with backoff whenever it drops.
 */
public final class SmppReceiptReceiver implements AutoCloseable {

  private static final Logger LOGGER = LoggerFactory.getLogger(SmppReceiptReceiver.class);
  private static final long FIRST_BACKOFF_MILLIS = 200;
  private static final long MAX_BACKOFF_MILLIS = 10_000;

  /** Where the SMSC is and who we are to it. */
  public record Endpoint(String host, int port, String systemId, String password) {
    @Override
    public String toString() {
      return "Endpoint[" + host + ":" + port + ", systemId=" + systemId + "]";
    }
  }

  private final Endpoint endpoint;
  private final DlrPublisher publisher;
  private final SmppReceiptParser parser = new SmppReceiptParser();
  private final Thread keeper;
  private volatile boolean running = true;
  private volatile SMPPSession session;

  private SmppReceiptReceiver(Endpoint endpoint, DlrPublisher publisher) {
    this.endpoint = endpoint;
    this.publisher = publisher;
    this.keeper = new Thread(this::keepBound, "smpp-receiver");
    keeper.setDaemon(true);
  }

  /** Binds to the SMSC in the background, and again whenever the bind drops, until closed. */
  public static SmppReceiptReceiver start(Endpoint endpoint, DlrPublisher publisher) {
    SmppReceiptReceiver receiver = new SmppReceiptReceiver(endpoint, publisher);
    receiver.keeper.start();
    return receiver;
  }

  private void keepBound() {
    long backoffMillis = FIRST_BACKOFF_MILLIS;
    while (running) {
      SMPPSession current = session;
      if (current == null || !current.getSessionState().isBound()) {
        try {
          session = bind();
          backoffMillis = FIRST_BACKOFF_MILLIS;
          LOGGER
              .atInfo()
              .addKeyValue("smsc", endpoint.host() + ":" + endpoint.port())
              .log("SMPP receiver bound");
        } catch (IOException e) {
          LOGGER.atDebug().log("SMPP receiver bind failed: " + e.getMessage());
          backoffMillis = Math.min(backoffMillis * 2, MAX_BACKOFF_MILLIS);
        }
      }
      try {
        Thread.sleep(backoffMillis);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private SMPPSession bind() throws IOException {
    SMPPSession fresh = new SMPPSession();
    fresh.setEnquireLinkTimer(30_000);
    fresh.setTransactionTimer(10_000);
    fresh.setMessageReceiverListener(new Listener());
    fresh.connectAndBind(
        endpoint.host(),
        endpoint.port(),
        new BindParameter(
            BindType.BIND_RX,
            endpoint.systemId(),
            endpoint.password(),
            "cascade",
            TypeOfNumber.UNKNOWN,
            NumberingPlanIndicator.UNKNOWN,
            null));
    return fresh;
  }

  /** Whether the receiver bind is up. */
  boolean bound() {
    SMPPSession current = session;
    return current != null && current.getSessionState() == SessionState.BOUND_RX;
  }

  private final class Listener implements MessageReceiverListener {
    @Override
    public void onAcceptDeliverSm(DeliverSm deliverSm) throws ProcessRequestException {
      if (!MessageType.SMSC_DEL_RECEIPT.containedIn(deliverSm.getEsmClass())) {
        return; // a mobile-originated message, not a receipt
      }
      switch (publisher.publish(parser, deliverSm.getShortMessage())) {
        case Publication.Accepted accepted -> {}
        // acknowledged: a receipt that cannot be read will not read better when resent
        case Publication.Malformed malformed -> {}
        // a negative deliver_sm_resp: the SMSC keeps the receipt and tries again
        case Publication.Unavailable unavailable ->
          throw new ProcessRequestException(
              "Kafka did not acknowledge the receipt", SMPPConstant.STAT_ESME_RSYSERR);
      }
    }

    @Override
    public void onAcceptAlertNotification(AlertNotification alertNotification) {
      // not used: Cascade sends no messages that ask for alerts
    }

    @Override
    public DataSmResult onAcceptDataSm(DataSm dataSm, Session source)
        throws ProcessRequestException {
      throw new ProcessRequestException(
          "data_sm is not supported", SMPPConstant.STAT_ESME_RINVCMDID);
    }
  }

  @Override
  public void close() {
    running = false;
    keeper.interrupt();
    SMPPSession current = session;
    if (current != null) {
      current.unbindAndClose();
    }
  }
}
