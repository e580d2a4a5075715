package dev.cascade.workers.smpp;

import dev.cascade.platform.channels.ContentKind;
import dev.cascade.platform.sms.SmsEncoding;
import dev.cascade.schemas.Channel;
import dev.cascade.schemas.ChannelCommand;
import dev.cascade.workers.provider.ChannelProvider;
import dev.cascade.workers.provider.ProviderResult;
import dev.cascade.workers.provider.TransientProviderException;
import dev.cascade.workers.provider.UnsupportedContentException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.jsmpp.InvalidResponseException;
import org.jsmpp.PDUException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.Alphabet;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DataCoding;
import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GSMSpecificFeature;
import org.jsmpp.bean.GeneralDataCoding;
import org.jsmpp.bean.MessageMode;
import org.jsmpp.bean.MessageType;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.SMSCDeliveryReceipt;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ResponseTimeoutException;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.SMPPSession;

/**
 * SMS over SMPP 3.4 (jSMPP): a transmitter bind kept alive with enquire_link and re-established
 * when it drops; one submit_sm per part with {@code registered_delivery} set, GSM 7-bit (data_coding
 * 0, unpacked septets) or UCS-2 (data_coding 8), and a concatenation UDH when the text needs
 * several parts. The SMSC's message id of every part is the attempt's provider ids.
 *
 * <p>jSMPP blocks, so submits run on this provider's own thread, one message after another on
 * the one bind, and callers get a future.
 */
final class SmppProvider implements ChannelProvider {

  static final String NAME = "smpp";
  /** A multipart SMS whose later parts failed after earlier ones were accepted: never sent again. */
  static final String PARTIALLY_SUBMITTED = "SMPP_PARTIALLY_SUBMITTED";

  private static final byte UDH_CONCAT_8BIT = 0x00;

  private final SmppConfig endpoint;
  private final ExecutorService submitter;
  private SMPPSession session; // touched only on the submitter thread

  SmppProvider(SmppConfig endpoint) {
    this.endpoint = endpoint;
    this.submitter = Executors.newSingleThreadExecutor(Thread.ofPlatform()
        .daemon()
        .name("smpp-" + endpoint.host() + ":" + endpoint.port())
        .factory());
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Set<Channel> channels() {
    return Set.of(Channel.SMS);
  }

  @Override
  public CompletionStage<ProviderResult> send(ChannelCommand command) {
    UnsupportedContentException.requireOneOf(command, NAME, Set.of(ContentKind.TEXT));
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return submitAll(command);
          } catch (TransientProviderException e) {
            throw new CompletionException(e);
          }
        },
        submitter);
  }

  /** Unbinds and stops the submitter once the submits already queued are done. */
  @Override
  public void close() {
    if (submitter.isShutdown()) {
      return;
    }
    submitter.execute(this::drop);
    submitter.shutdown();
    try {
      submitter.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private ProviderResult submitAll(ChannelCommand command) throws TransientProviderException {
    String text = command.getContent().getText();
    SmsEncoding.SmsInfo info = SmsEncoding.analyze(text);
    List<String> parts = SmsEncoding.split(text);
    int reference = ThreadLocalRandom.current().nextInt(256);
    List<String> ids = new ArrayList<>();
    try {
      for (int i = 0; i < parts.size(); i++) {
        ids.add(submit(command, parts.get(i), info.encoding(), reference, parts.size(), i + 1));
      }
    } catch (NegativeResponseException e) {
      if (isTransient(e.getCommandStatus()) && ids.isEmpty()) {
        throw new TransientProviderException(
            "SMSC answered " + statusName(e.getCommandStatus()), null, e);
      }
      return ProviderResult.rejected(statusName(e.getCommandStatus()), e.getMessage());
    } catch (IOException | ResponseTimeoutException | InvalidResponseException e) {
      drop();
      if (!ids.isEmpty()) {
        // some parts are at the SMSC already: trying again, here or over another provider,
        // would send them twice
        return ProviderResult.rejected(
            PARTIALLY_SUBMITTED, ids.size() + " of " + parts.size() + " parts submitted: " + e);
      }
      throw new TransientProviderException("SMPP submit failed: " + e.getMessage(), null, e);
    } catch (PDUException e) {
      return ProviderResult.rejected("INVALID_PDU", e.getMessage());
    }
    return ProviderResult.accepted(ids).withSms(info.encoding().name(), parts.size());
  }

  private String submit(
      ChannelCommand command,
      String part,
      SmsEncoding.Encoding encoding,
      int reference,
      int total,
      int sequence)
      throws PDUException, ResponseTimeoutException, InvalidResponseException,
          NegativeResponseException, IOException, TransientProviderException {
    byte[] payload = encoding == SmsEncoding.Encoding.GSM7
        ? SmsEncoding.gsmSeptets(part)
        : part.getBytes(StandardCharsets.UTF_16BE);
    ESMClass esm = new ESMClass();
    if (total > 1) {
      payload = withConcatenationHeader(payload, reference, total, sequence);
      esm = new ESMClass(MessageMode.DEFAULT, MessageType.DEFAULT, GSMSpecificFeature.UDHI);
    }
    DataCoding coding = encoding == SmsEncoding.Encoding.GSM7
        ? DataCodings.ZERO
        : new GeneralDataCoding(Alphabet.ALPHA_UCS2);
    boolean alphanumeric = !command.getSender().matches("\\+?[0-9]+");
    return session()
        .submitShortMessage(
            "",
            alphanumeric ? TypeOfNumber.ALPHANUMERIC : TypeOfNumber.INTERNATIONAL,
            alphanumeric ? NumberingPlanIndicator.UNKNOWN : NumberingPlanIndicator.ISDN,
            command.getSender().replace("+", ""),
            TypeOfNumber.INTERNATIONAL,
            NumberingPlanIndicator.ISDN,
            command.getTo().substring(1),
            esm,
            (byte) 0,
            (byte) 1,
            null,
            validity(command.getValiditySeconds()),
            new RegisteredDelivery(SMSCDeliveryReceipt.SUCCESS_FAILURE),
            (byte) 0,
            coding,
            (byte) 0,
            payload)
        .getMessageId();
  }

  /** The 6-byte user data header of a concatenated message: IE 0x00, 8-bit reference. */
  static byte[] withConcatenationHeader(byte[] payload, int reference, int total, int sequence) {
    byte[] message = new byte[payload.length + 6];
    message[0] = 0x05;
    message[1] = UDH_CONCAT_8BIT;
    message[2] = 0x03;
    message[3] = (byte) reference;
    message[4] = (byte) total;
    message[5] = (byte) sequence;
    System.arraycopy(payload, 0, message, 6, payload.length);
    return message;
  }

  /** SMPP relative validity (YYMMDDhhmmss000R), or null for the SMSC default. */
  static String validity(Integer seconds) {
    if (seconds == null) {
      return null;
    }
    int days = seconds / 86_400;
    int rest = seconds % 86_400;
    return String.format(
        "0000%02d%02d%02d%02d000R", days, rest / 3600, rest % 3600 / 60, rest % 60);
  }

  private SMPPSession session() throws IOException {
    if (session == null || !session.getSessionState().isBound()) {
      drop();
      SMPPSession fresh = new SMPPSession();
      fresh.setEnquireLinkTimer(30_000);
      fresh.setTransactionTimer(10_000);
      fresh.connectAndBind(
          endpoint.host(),
          endpoint.port(),
          new BindParameter(
              BindType.BIND_TX,
              endpoint.systemId(),
              endpoint.password(),
              "cascade",
              TypeOfNumber.UNKNOWN,
              NumberingPlanIndicator.UNKNOWN,
              null));
      session = fresh;
    }
    return session;
  }

  private void drop() {
    if (session != null) {
      session.unbindAndClose();
      session = null;
    }
  }

  private static boolean isTransient(int status) {
    return status == SMPPConstant.STAT_ESME_RTHROTTLED
        || status == SMPPConstant.STAT_ESME_RMSGQFUL
        || status == SMPPConstant.STAT_ESME_RSYSERR;
  }

  static String statusName(int status) {
    return status == SMPPConstant.STAT_ESME_RINVDSTADR
        ? "INVALID_DESTINATION"
        : String.format("SMPP_0x%08X", status);
  }
}
