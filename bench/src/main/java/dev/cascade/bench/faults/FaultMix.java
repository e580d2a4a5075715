package dev.cascade.bench.faults;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cascade.platform.json.Json;
import dev.cascade.schemas.Channel;

/**
 * The fault suite's traffic: seed 001's chain WhatsApp → RCS → SMS, every step falling back on
 * {@code SEND_FAILED}/{@code UNDELIVERED} after {@code afterSeconds}. The simulator scripts each
 * message by the destination's last four digits (WhatsApp, RCS, Viber, SMS; SPEC section 9). Out of
 * every 20 messages: 8 delivered on WhatsApp at once ({@code …4000}), 4 delivered on WhatsApp after
 * the simulator's late delay, set a little shorter than {@code afterSeconds} ({@code …5000}: the
 * report is in flight close to the timer's due time, so a fault then is what makes a fallback
 * spurious), 3 WhatsApp rejected then RCS delivered ({@code …1400}), 2 on to SMS ({@code …1100}), 2
 * WhatsApp silent so its timer falls back to RCS ({@code …3400}: timers that must fire, through the
 * faults), 1 rejected everywhere ({@code …1111}). Every message has a destination of its own, so the
 * simulator's journal tells each message's sends apart.
 */
public final class FaultMix {

  /** What a message is scripted to do, and the outcome that proves it did. */
  public enum Scenario {
    WHATSAPP_DELIVERED("4000", "DELIVERED", Channel.WHATSAPP),
    WHATSAPP_DELIVERED_LATE("5000", "DELIVERED", Channel.WHATSAPP),
    RCS_DELIVERED("1400", "DELIVERED", Channel.RCS),
    SMS_DELIVERED("1100", "DELIVERED", Channel.SMS),
    WHATSAPP_SILENT_RCS_DELIVERED("3400", "DELIVERED", Channel.RCS),
    ALL_REJECTED("1111", "FAILED", Channel.SMS);

    final String suffix;
    final String status;
    final Channel channel;

    Scenario(String suffix, String status, Channel channel) {
      this.suffix = suffix;
      this.status = status;
      this.channel = channel;
    }

    boolean expects(String outcomeStatus, Channel outcomeChannel) {
      return status.equals(outcomeStatus) && channel == outcomeChannel;
    }
  }

  /** The chain's channels, by step. */
  static final Channel[] STEPS = {Channel.WHATSAPP, Channel.RCS, Channel.SMS};

  private FaultMix() {}

  static Scenario scenarioOf(long n) {
    int slot = (int) (n % 20);
    if (slot < 8) {
      return Scenario.WHATSAPP_DELIVERED;
    } else if (slot < 12) {
      return Scenario.WHATSAPP_DELIVERED_LATE;
    } else if (slot < 15) {
      return Scenario.RCS_DELIVERED;
    } else if (slot < 17) {
      return Scenario.SMS_DELIVERED;
    } else if (slot < 19) {
      return Scenario.WHATSAPP_SILENT_RCS_DELIVERED;
    }
    return Scenario.ALL_REJECTED;
  }

  /** Message n's destination, its own for n below a million. */
  static String to(long n) {
    return String.format("+393%06d%s", n % 1_000_000, scenarioOf(n).suffix);
  }

  /** Message n as the JSON body of {@code POST /v1/messages}. */
  static String json(String messageId, long n, int afterSeconds) {
    ObjectNode body = Json.mapper().createObjectNode();
    body.put("messageId", messageId);
    body.put("to", to(n));
    ArrayNode steps = body.putArray("steps");
    ObjectNode whatsapp = steps.addObject();
    whatsapp.put("channel", "WHATSAPP");
    whatsapp.put("sender", "106540352242922");
    ObjectNode template = whatsapp.putObject("content").putObject("template");
    template.put("name", "txn_alert");
    template.put("language", "it");
    template.putObject("parameters").put("nome", "Giulia").put("importo", "1.250,00");
    fallback(whatsapp, afterSeconds);
    ObjectNode rcs = steps.addObject();
    rcs.put("channel", "RCS");
    rcs.put("sender", "banca-agent");
    rcs.putObject("content")
        .putObject("richCard")
        .put("title", "Suspicious transaction")
        .put("description", "EUR 1.250,00 on 09/04");
    fallback(rcs, afterSeconds);
    ObjectNode sms = steps.addObject();
    sms.put("channel", "SMS");
    sms.put("sender", "BancaAdri");
    sms.putObject("content").put("smsConversion", "AUTO");
    return body.toString();
  }

  private static void fallback(ObjectNode step, int afterSeconds) {
    ObjectNode fallback = step.putObject("fallback");
    fallback.putArray("on").add("SEND_FAILED").add("UNDELIVERED");
    fallback.put("afterSeconds", afterSeconds);
  }
}
