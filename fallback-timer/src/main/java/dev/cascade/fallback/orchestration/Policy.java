package dev.cascade.fallback.orchestration;

import dev.cascade.platform.channels.ChannelCatalogue;
import dev.cascade.platform.channels.ChannelProviders;
import dev.cascade.platform.channels.ChannelTraits;
import dev.cascade.platform.requests.SendRequestRules;
import dev.cascade.schemas.Channel;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * Settings the state machine needs: unit prices, how long an ended message is kept for late
 * reports and status reads, and how AUTO-converted SMS text is bounded. Channel facts (billing
 * point, default validity, ...) come from the {@link ChannelCatalogue}.
 *
 * @param pricePerUnit price of one billable unit (an SMS part, or one message elsewhere); a
 *     channel without a configured price has the catalogue's default
 * @param minRetention an ended message stays readable at least this long
 * @param dispatchTimeout how long a SEND or REVOKE command may go unanswered before its step gives
 *     way with reason DISPATCH_TIMEOUT (SPEC section 4, "Every accepted message ends")
 * @param idempotencyRetention a messageId is not accepted again for this long after acceptance,
 *     however early its state could otherwise be purged
 * @param smsMaxPartsForConversion parts AUTO-converted SMS text may use
 * @param providers the providers each channel may name (the request rules check steps against it)
 */
public record Policy(
    Map<Channel, BigDecimal> pricePerUnit,
    String currency,
    Duration minRetention,
    Duration dispatchTimeout,
    Duration idempotencyRetention,
    int smsMaxPartsForConversion,
    ChannelProviders providers) {

  public static final Duration MAX_VALIDITY = ChannelCatalogue.MAX_VALIDITY;

  public Policy {
    Map<Channel, BigDecimal> prices = new EnumMap<>(Channel.class);
    ChannelCatalogue.all()
        .forEach(traits -> prices.put(traits.channel(), traits.defaultUnitPrice()));
    prices.putAll(pricePerUnit);
    pricePerUnit = Map.copyOf(prices);
  }

  public static Policy defaults() {
    return new Policy(
        Map.of(),
        "EUR",
        Duration.ofHours(1),
        Duration.ofMinutes(5),
        Duration.ofHours(24),
        1,
        ChannelProviders.defaults());
  }

  BigDecimal price(Channel channel, int units) {
    return pricePerUnit.get(channel).multiply(BigDecimal.valueOf(units));
  }

  ChannelTraits traits(Channel channel) {
    return ChannelCatalogue.of(channel);
  }

  SendRequestRules requestRules() {
    return new SendRequestRules(providers, smsMaxPartsForConversion);
  }
}
