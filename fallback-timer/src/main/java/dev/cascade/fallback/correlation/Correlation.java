package dev.cascade.fallback.correlation;

import dev.cascade.platform.providers.ProviderIdForms;
import dev.cascade.platform.providers.ProviderMessageKey;
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
 * {@code dlr.raw} in a windowed join; a report that arrives first waits in the join window. Which
 * forms a provider may name an id in is the provider's fact ({@link ProviderIdForms}), not ours.
 */
public final class Correlation {

  private Correlation() {}

  public static String key(String provider, String providerMessageId) {
    return new ProviderMessageKey(provider, providerMessageId).asKey();
  }

  public static boolean isAcceptedSend(ChannelAttempt attempt) {
    return attempt != null
        && attempt.getCommandType() == CommandType.SEND
        && attempt.getOutcome() == AttemptResult.ACCEPTED;
  }

  /** One record per key a report on any of the attempt's parts may carry, in any form its provider writes ids in. */
  public static List<KeyValue<String, ChannelAttempt>> byProviderMessageId(ChannelAttempt attempt) {
    return attempt.getProviderMessageIds().stream()
        .flatMap(id -> ProviderIdForms.attemptKeys(attempt.getProvider(), id).stream())
        .distinct()
        .map(key -> KeyValue.pair(key.asKey(), attempt))
        .toList();
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
        .filter(
            id -> ProviderIdForms.names(attempt.getProvider(), id, report.getProviderMessageId()))
        .findFirst()
        .orElse(report.getProviderMessageId());
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
