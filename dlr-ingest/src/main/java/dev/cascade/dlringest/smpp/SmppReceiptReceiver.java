package dev.cascade.dlringest.smpp;

import dev.cascade.dlringest.DlrIngestMetrics;
import dev.cascade.dlringest.MalformedReportException;
import dev.cascade.platform.kafka.CascadeTopics;
import dev.cascade.platform.kafka.Dlq;
import dev.cascade.platform.kafka.RecordSender;
import dev.cascade.schemas.RawDeliveryReport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * dlr-ingest's own receiver bind to the SMSC: each deliver_sm receipt is written to dlr.raw and
 * answered (deliver_sm_resp) only after Kafka acknowledged it, so the SMSC redelivers anything
 * not stored. The bind is re-established with backoff whenever it drops.
 */
public final class SmppReceiptReceiver implements AutoCloseable {

  private static final Logger LOGGER = LoggerFactory.getLogger(SmppReceiptReceiver.class);

  /** Where the SMSC is and who we are to it. */
  public record Endpoint(String host, int port, String systemId, String password) {}

  private final Endpoint endpoint;
  private final RecordSender sender;
  private final CascadeTopics topics;
  private final DlrIngestMetrics metrics;
  private final Duration ackTimeout;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final Thread keeper;
  private volatile SMPPSession session;

  public SmppReceiptReceiver(Endpoint endpoint, RecordSender sender, CascadeTopics topics, DlrIngestMetrics metrics,
      Duration ackTimeout) {
    this.endpoint = endpoint;
    this.sender = sender;
    this.topics = topics;
    this.metrics = metrics;
    this.ackTimeout = ackTimeout;
    this.keeper = new Thread(this::keepBound, "smpp-receiver");
    keeper.setDaemon(true);
    keeper.start();
  }

  private void keepBound() {
    long backoffMillis = 200;
    while (running.get()) {
      SMPPSession current = session;
      if (current == null || !current.getSessionState().isBound()) {
        try {
          session = bind();
          backoffMillis = 200;
          LOGGER.atInfo().addKeyValue("smsc", endpoint.host() + ":" + endpoint.port()).log("SMPP receiver bound");
        } catch (java.io.IOException e) {
          LOGGER.atDebug().log("SMPP receiver bind failed: " + e.getMessage());
          backoffMillis = Math.min(backoffMillis * 2, 10_000);
        }
      }
      try {
        Thread.sleep(backoffMillis);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private SMPPSession bind() throws java.io.IOException {
    SMPPSession fresh = new SMPPSession();
    fresh.setEnquireLinkTimer(30_000);
    fresh.setTransactionTimer(10_000);
    fresh.setMessageReceiverListener(new Listener());
    fresh.connectAndBind(endpoint.host(), endpoint.port(), new BindParameter(BindType.BIND_RX, endpoint.systemId(),
        endpoint.password(), "cascade", TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, null));
    return fresh;
  }

  public boolean bound() {
    SMPPSession current = session;
    return current != null && current.getSessionState() == SessionState.BOUND_RX;
  }

  private final class Listener implements MessageReceiverListener {
    @Override
    public void onAcceptDeliverSm(DeliverSm deliverSm) throws ProcessRequestException {
      if (!MessageType.SMSC_DEL_RECEIPT.containedIn(deliverSm.getEsmClass())) {
        return; // a mobile-originated message, not a receipt
      }
      byte[] body = deliverSm.getShortMessage();
      RawDeliveryReport report;
      try {
        report = SmppReceiptParser.parse(new String(body, StandardCharsets.ISO_8859_1), Instant.now());
      } catch (MalformedReportException e) {
        metrics.webhook(SmppReceiptParser.PROVIDER, "malformed");
        metrics.dlq(topics.dlrRaw.dlqName());
        sender.sendBytes(Dlq.record(topics.dlrRaw.name(), SmppReceiptParser.PROVIDER.getBytes(StandardCharsets.UTF_8),
            body, e, Instant.now()));
        return; // acknowledged: a receipt that cannot be read will not read better when resent
      }
      try {
        sender.send(topics.dlrRaw, report.getProvider() + ":" + report.getProviderMessageId(), report)
            .get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
        metrics.webhook(SmppReceiptParser.PROVIDER, "accepted");
      } catch (Exception e) {
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
        metrics.webhook(SmppReceiptParser.PROVIDER, "unavailable");
        // a negative deliver_sm_resp: the SMSC keeps the receipt and tries again
        throw new ProcessRequestException("Kafka did not acknowledge the receipt", SMPPConstant.STAT_ESME_RSYSERR);
      }
    }

    @Override
    public void onAcceptAlertNotification(AlertNotification alertNotification) {
      // not used: Cascade sends no messages that ask for alerts
    }

    @Override
    public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
      throw new ProcessRequestException("data_sm is not supported", SMPPConstant.STAT_ESME_RINVCMDID);
    }
  }

  @Override
  public void close() {
    running.set(false);
    keeper.interrupt();
    SMPPSession current = session;
    if (current != null) {
      current.unbindAndClose();
    }
  }
}
