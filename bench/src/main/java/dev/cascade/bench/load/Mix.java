package dev.cascade.bench.load;

import dev.cascade.schemas.Channel;
import dev.cascade.schemas.Content;
import dev.cascade.schemas.Fallback;
import dev.cascade.schemas.FallbackTrigger;
import dev.cascade.schemas.RichCard;
import dev.cascade.schemas.SendRequest;
import dev.cascade.schemas.SmsConversion;
import dev.cascade.schemas.Step;
import dev.cascade.schemas.Template;
import java.util.List;
import java.util.Map;

/**
 * The benchmark's traffic: seed 001's chain WhatsApp → RCS → SMS, with the simulator scripted by
 * the destination's last four digits (WhatsApp, RCS, Viber, SMS). Out of every 20 messages, by
 * sequence number: 10 delivered on WhatsApp ({@code …4000}), 6 WhatsApp rejected then RCS delivered
 * ({@code …1400}), 3 on to SMS ({@code …1100}), 1 rejected everywhere ({@code …1111}). The wrk
 * script ({@code send-requests.lua} beside this class) builds the same requests as JSON.
 */
public final class Mix {

  /** What a message of the mix is scripted to do, and the outcome that proves it did. */
  public enum Scenario {
    WHATSAPP_DELIVERED("4000", "DELIVERED", Channel.WHATSAPP),
    RCS_DELIVERED("1400", "DELIVERED", Channel.RCS),
    SMS_DELIVERED("1100", "DELIVERED", Channel.SMS),
    ALL_REJECTED("1111", "FAILED", Channel.SMS);

    final String suffix;
    final String status;
    final Channel channel;

    Scenario(String suffix, String status, Channel channel) {
      this.suffix = suffix;
      this.status = status;
      this.channel = channel;
    }

    public boolean expects(String outcomeStatus, Channel outcomeChannel) {
      return status.equals(outcomeStatus) && channel == outcomeChannel;
    }
  }

  private Mix() {}

  /** The scenario of message number {@code n}: 50 / 30 / 15 / 5 %. */
  public static Scenario scenarioOf(long n) {
    int slot = (int) (n % 20);
    if (slot < 10) {
      return Scenario.WHATSAPP_DELIVERED;
    } else if (slot < 16) {
      return Scenario.RCS_DELIVERED;
    } else if (slot < 19) {
      return Scenario.SMS_DELIVERED;
    }
    return Scenario.ALL_REJECTED;
  }

  /** The scenario of a messageId ending in {@code -<n>}, as both load generators make them. */
  public static Scenario scenarioOf(String messageId) {
    return scenarioOf(Long.parseLong(messageId.substring(messageId.lastIndexOf('-') + 1)));
  }

  /** The destination of message {@code n}: numbers vary (capability lookups miss the cache). */
  public static String to(long n) {
    return String.format("+39340%04d%s", n % 10_000, scenarioOf(n).suffix);
  }

  /** Message {@code n} as the Avro record a Kafka producer writes to send.requests. */
  public static SendRequest request(String prefix, long n) {
    Step whatsapp = Step.newBuilder()
        .setChannel(Channel.WHATSAPP)
        .setSender("106540352242922")
        .setContent(Content.newBuilder()
            .setTemplate(Template.newBuilder()
                .setName("txn_alert")
                .setLanguage("it")
                .setParameters(Map.of("nome", "Giulia", "importo", "1.250,00"))
                .build())
            .build())
        .setFallback(fallback(60))
        .build();
    Step rcs = Step.newBuilder()
        .setChannel(Channel.RCS)
        .setSender("banca-agent")
        .setContent(Content.newBuilder()
            .setRichCard(RichCard.newBuilder()
                .setTitle("Suspicious transaction")
                .setDescription("EUR 1.250,00 on 09/04")
                .build())
            .build())
        .setFallback(fallback(300))
        .build();
    Step sms = Step.newBuilder()
        .setChannel(Channel.SMS)
        .setSender("BancaAdri")
        .setContent(Content.newBuilder().setSmsConversion(SmsConversion.AUTO).build())
        .build();
    return SendRequest.newBuilder()
        .setMessageId(prefix + "-" + n)
        .setTo(to(n))
        .setSteps(List.of(whatsapp, rcs, sms))
        .build();
  }

  private static Fallback fallback(int afterSeconds) {
    return Fallback.newBuilder()
        .setOn(List.of(FallbackTrigger.SEND_FAILED, FallbackTrigger.UNDELIVERED))
        .setAfterSeconds(afterSeconds)
        .build();
  }
}
