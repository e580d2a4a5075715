package dev.cascade.fallback.correlation;

import dev.cascade.schemas.AttemptResult;
import dev.cascade.schemas.ChannelAttempt;
import dev.cascade.schemas.CommandType;
import dev.cascade.schemas.DeliveryReport;
import dev.cascade.schemas.RawDeliveryReport;
import java.util.List;
import org.apache.kafka.streams.KeyValue;

/**
 * Matches provider reports to attempts. Providers report by their own message id, so accepted
 * attempts are re-keyed by {@code provider:providerMessageId} (one key per SMS part) to meet
 * {@code dlr.raw} in a windowed join; a report that arrives first waits in the join window.
 */
public final class Correlation {

  private static final String SMPP = "smpp";

  private Correlation() {}

  public static String key(String provider, String providerMessageId) {
    return provider + ":" + providerMessageId;
  }

  public static boolean isAcceptedSend(ChannelAttempt attempt) {
    return attempt != null && attempt.getCommandType() == CommandType.SEND
        && attempt.getOutcome() == AttemptResult.ACCEPTED;
  }

  public static List<KeyValue<String, ChannelAttempt>> byProviderMessageId(ChannelAttempt attempt) {
    return attempt.getProviderMessageIds().stream()
        .flatMap(id -> forms(attempt.getProvider(), id).stream())
        .distinct()
        .map(form -> KeyValue.pair(key(attempt.getProvider(), form), attempt))
        .toList();
  }

  /**
   * The forms a provider may report an id in. SMSCs often answer submit_sm with a hexadecimal id
   * and name the message in decimal in the receipt (or the other way round), so an SMPP id is
   * also matched in its other base; other providers report ids as they gave them.
   */
  static List<String> forms(String provider, String id) {
    if (!SMPP.equals(provider)) {
      return List.of(id);
    }
    List<String> forms = new java.util.ArrayList<>(List.of(id));
    try {
      forms.add(new java.math.BigInteger(id, 16).toString(10));
    } catch (NumberFormatException notHex) {
      // not hexadecimal: nothing to add
    }
    try {
      forms.add(new java.math.BigInteger(id, 10).toString(16));
    } catch (NumberFormatException notDecimal) {
      // not decimal: nothing to add
    }
    return forms;
  }

  /** A report and the attempt it matched ({@code null}: none within the window). */
  public record Match(RawDeliveryReport report, ChannelAttempt attempt) {
    public DeliveryReport correlated() {
      return correlate(report, attempt);
    }
  }

  public static DeliveryReport correlate(RawDeliveryReport report, ChannelAttempt attempt) {
    // name the part as the attempt does, whichever form the report used
    String partId = attempt.getProviderMessageIds().stream()
        .filter(id -> forms(attempt.getProvider(), id).stream().anyMatch(f -> f.equalsIgnoreCase(report.getProviderMessageId())))
        .findFirst().orElse(report.getProviderMessageId());
    return DeliveryReport.newBuilder()
        .setMessageId(attempt.getMessageId())
        .setAttemptId(attempt.getAttemptId())
        .setStep(attempt.getStep())
        .setChannel(attempt.getChannel())
        .setProvider(attempt.getProvider())
        .setProviderMessageId(partId)
        .setStatus(report.getStatus())
        .setProviderStatus(report.getProviderStatus())
        .setProviderCode(report.getProviderCode())
        .setOccurredAt(report.getOccurredAt())
        .build();
  }
}
