package dev.cascade.platform.providers;

import java.math.BigInteger;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How SMSCs write an SMPP message id. submit_sm_resp and the delivery receipt (SMPP 3.4 Appendix
 * B) often disagree: one is hexadecimal, the other decimal, in either case, with or without
 * leading zeros, so {@code 00000A1F}, {@code a1f}, {@code 0000002591} and {@code 2591} may all
 * name one message. A receipt's id is keyed in its plain form (lower case, no leading zeros); a
 * submitted id is matched in the plain form of each base it can be read in.
 */
public final class SmppMessageIds implements ProviderIdForms.Forms {

  /** The provider name of SMS sent over an SMPP bind. */
  public static final String PROVIDER = "smpp";

  private static final Pattern DECIMAL = Pattern.compile("[0-9]+");
  private static final Pattern HEXADECIMAL = Pattern.compile("[0-9a-fA-F]+");

  SmppMessageIds() {}

  @Override
  public String reported(String reportedId) {
    return plain(reportedId);
  }

  @Override
  public Set<String> forms(String id) {
    Set<String> forms = new LinkedHashSet<>();
    forms.add(id);
    forms.add(plain(id));
    if (HEXADECIMAL.matcher(id).matches()) {
      forms.add(new BigInteger(id, 16).toString(10));
    }
    if (DECIMAL.matcher(id).matches()) {
      forms.add(new BigInteger(id, 10).toString(16));
    }
    return Collections.unmodifiableSet(forms);
  }

  /** A number in either base in lower case without leading zeros; any other id as given. */
  static String plain(String id) {
    if (!HEXADECIMAL.matcher(id).matches()) {
      return id;
    }
    int first = 0;
    while (first < id.length() - 1 && id.charAt(first) == '0') {
      first++;
    }
    return id.substring(first).toLowerCase(Locale.ROOT);
  }
}
