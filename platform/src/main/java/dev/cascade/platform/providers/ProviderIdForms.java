package dev.cascade.platform.providers;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which forms a provider may name one of its message ids in. A provider that writes an id one
 * way when it accepts a message and another way in its report (an SMSC: hexadecimal in
 * submit_sm_resp, decimal in the receipt) has an entry here; every other provider reports ids as
 * it gave them. dlr-ingest keys each report with {@link #reportKey}; fallback-timer keys an
 * attempt's ids with {@link #attemptKeys}, so the two meet without either naming a provider.
 */
public final class ProviderIdForms {

  /** How one provider writes its ids. */
  public interface Forms {

    /** The form a report naming {@code reportedId} is keyed in. */
    String reported(String reportedId);

    /**
     * Every form a report may name the message the provider gave {@code id} in, as
     * {@link #reported} writes it, with {@code id} itself first.
     */
    Set<String> forms(String id);
  }

  private static final Forms AS_GIVEN = new Forms() {
    @Override
    public String reported(String reportedId) {
      return reportedId;
    }

    @Override
    public Set<String> forms(String id) {
      return Set.of(id);
    }
  };

  private static final Map<String, Forms> BY_PROVIDER =
      Map.of(SmppMessageIds.PROVIDER, new SmppMessageIds());

  private ProviderIdForms() {}

  /** The forms of {@code provider}'s ids (as given, unless the provider writes them in several). */
  public static Forms of(String provider) {
    return BY_PROVIDER.getOrDefault(provider, AS_GIVEN);
  }

  /** The key of a report in which {@code provider} names {@code reportedId}. */
  public static ProviderMessageKey reportKey(String provider, String reportedId) {
    return new ProviderMessageKey(provider, of(provider).reported(reportedId));
  }

  /** Every key a report on the message {@code provider} accepted as {@code id} may carry. */
  public static List<ProviderMessageKey> attemptKeys(String provider, String id) {
    return of(provider).forms(id).stream()
        .map(form -> new ProviderMessageKey(provider, form))
        .toList();
  }

  /** Whether a report naming {@code reportedId} is about the message {@code provider} accepted as {@code id}. */
  public static boolean names(String provider, String id, String reportedId) {
    Forms forms = of(provider);
    String reported = forms.reported(reportedId);
    return forms.forms(id).stream().anyMatch(form -> form.equalsIgnoreCase(reported));
  }
}
