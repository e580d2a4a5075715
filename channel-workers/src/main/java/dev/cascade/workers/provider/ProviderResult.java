package dev.cascade.workers.provider;

import dev.cascade.schemas.AttemptResult;
import java.util.List;

/** What a provider answered, normalized. */
public record ProviderResult(
    AttemptResult outcome,
    List<String> providerMessageIds,
    String providerCode,
    String reason,
    String encoding,
    Integer parts) {

  public ProviderResult {
    providerMessageIds = List.copyOf(providerMessageIds);
  }

  public static ProviderResult accepted(List<String> ids) {
    return new ProviderResult(AttemptResult.ACCEPTED, ids, null, null, null, null);
  }

  public static ProviderResult rejected(String code, String reason) {
    return new ProviderResult(AttemptResult.REJECTED, List.of(), code, reason, null, null);
  }

  public static ProviderResult notCapable(String code) {
    return new ProviderResult(
        AttemptResult.NOT_CAPABLE,
        List.of(),
        code,
        "device cannot receive this channel",
        null,
        null);
  }

  public static ProviderResult revokeFailed(String code, String reason) {
    return new ProviderResult(AttemptResult.REVOKE_FAILED, List.of(), code, reason, null, null);
  }

  public static ProviderResult of(AttemptResult outcome) {
    return new ProviderResult(outcome, List.of(), null, null, null, null);
  }

  public ProviderResult withSms(String smsEncoding, int smsParts) {
    return new ProviderResult(
        outcome, providerMessageIds, providerCode, reason, smsEncoding, smsParts);
  }
}
