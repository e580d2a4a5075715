package dev.cascade.platform.channels;

import dev.cascade.schemas.Channel;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Everything Cascade knows about one channel. Code that needs a channel fact asks the
 * {@link ChannelCatalogue} for these traits instead of testing which channel it has.
 *
 * @param channel the channel
 * @param billedOn when an attempt becomes billable
 * @param billedPerPart whether each SMS part is a billable unit (else one unit per message)
 * @param readReceipts whether the channel reports READ (so UNREAD may be a fallback trigger)
 * @param revocable whether an undelivered message can be revoked before falling back
 * @param contentKinds the content a step on this channel may carry
 * @param segmentedText whether its text goes out as GSM 03.38 / UCS-2 parts, with
 *     {@code smsConversion: AUTO} deriving it from an earlier rich step (SPEC section 4)
 * @param defaultValidity how long a step without {@code validitySeconds} is given
 * @param providers the providers that can serve it, the default first
 * @param kindProviders content kinds that only some of its providers can send, each with the
 *     providers that can (RCS templates: Infobip has them, Google RBM has not); a kind not listed
 *     goes through any of its providers
 * @param defaultUnitPrice the price of one billable unit unless configured
 * @param scriptDigit which digit of the destination, counted from the right starting at 0,
 *     scripts this channel in the provider simulator (SPEC section 9)
 */
public record ChannelTraits(
    Channel channel,
    BillingPoint billedOn,
    boolean billedPerPart,
    boolean readReceipts,
    boolean revocable,
    Set<ContentKind> contentKinds,
    boolean segmentedText,
    Duration defaultValidity,
    List<String> providers,
    Map<ContentKind, List<String>> kindProviders,
    BigDecimal defaultUnitPrice,
    int scriptDigit) {

  public ChannelTraits {
    contentKinds = Set.copyOf(contentKinds);
    providers = List.copyOf(providers);
    if (providers.isEmpty()) {
      throw new IllegalArgumentException(channel + " needs at least one provider");
    }
    Map<ContentKind, List<String>> restricted = new EnumMap<>(ContentKind.class);
    for (Map.Entry<ContentKind, List<String>> entry : kindProviders.entrySet()) {
      List<String> names = List.copyOf(entry.getValue());
      if (!contentKinds.contains(entry.getKey())
          || names.isEmpty()
          || !providers.containsAll(names)) {
        throw new IllegalArgumentException(channel + ": only some of its own providers may send "
            + entry.getKey() + ", and only when it carries " + entry.getKey());
      }
      restricted.put(entry.getKey(), names);
    }
    kindProviders = Map.copyOf(restricted);
  }

  /** The channel's name in topic names and configuration keys ({@code whatsapp}, {@code sms}). */
  public String slug() {
    return channel.name().toLowerCase(Locale.ROOT);
  }

  /** The provider a step uses when it names none (configuration may choose another). */
  public String defaultProvider() {
    return providers.getFirst();
  }

  public boolean carries(ContentKind kind) {
    return contentKinds.contains(kind);
  }

  /** The providers that can send {@code kind} on this channel: empty when any of them can. */
  public List<String> providersFor(ContentKind kind) {
    return kindProviders.getOrDefault(kind, List.of());
  }

  /** Whether {@code provider} can send {@code kind} on this channel. */
  public boolean sends(String provider, ContentKind kind) {
    List<String> restricted = providersFor(kind);
    return restricted.isEmpty() || restricted.contains(provider);
  }
}
