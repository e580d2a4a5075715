package dev.cascade.platform.channels;

import static dev.cascade.platform.channels.ContentKind.CAROUSEL;
import static dev.cascade.platform.channels.ContentKind.MEDIA;
import static dev.cascade.platform.channels.ContentKind.RICH_CARD;
import static dev.cascade.platform.channels.ContentKind.SMS_CONVERSION;
import static dev.cascade.platform.channels.ContentKind.TEMPLATE;
import static dev.cascade.platform.channels.ContentKind.TEXT;

import dev.cascade.schemas.Channel;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one table of channel facts (SPEC section 2). Adding a channel is a symbol in
 * {@code Channel.avsc} and a row here; intake, orchestration, billing, the workers and the
 * simulator read the rest from the row.
 */
public final class ChannelCatalogue {

  /** The Infobip ceiling, and the longest validity a step may have (SPEC section 3). */
  public static final Duration MAX_VALIDITY = Duration.ofHours(48);

  private static final Map<Channel, ChannelTraits> TRAITS = new EnumMap<>(Channel.class);

  static {
    add(new ChannelTraits(
        Channel.WHATSAPP,
        BillingPoint.DELIVERY,
        false,
        true,
        false,
        Set.of(TEXT, TEMPLATE, MEDIA),
        false,
        MAX_VALIDITY,
        List.of("meta"),
        Map.of(),
        new BigDecimal("0.0300"),
        3));
    add(new ChannelTraits(
        Channel.RCS,
        BillingPoint.DELIVERY,
        false,
        true,
        true,
        Set.of(TEXT, TEMPLATE, RICH_CARD, CAROUSEL, MEDIA),
        false,
        MAX_VALIDITY,
        List.of("rbm", "infobip"),
        // Google RBM has no templates; Infobip's RCS API sends registered ones (PROVIDER_TEMPLATE)
        Map.of(TEMPLATE, List.of("infobip")),
        new BigDecimal("0.0200"),
        2));
    add(new ChannelTraits(
        Channel.VIBER,
        BillingPoint.DELIVERY,
        false,
        true,
        false,
        Set.of(TEXT, TEMPLATE, MEDIA),
        false,
        MAX_VALIDITY,
        List.of("infobip"),
        Map.of(),
        new BigDecimal("0.0250"),
        1));
    add(new ChannelTraits(
        Channel.SMS,
        BillingPoint.SUBMISSION,
        true,
        false,
        false,
        Set.of(TEXT, SMS_CONVERSION),
        true,
        MAX_VALIDITY,
        List.of("infobip", "smpp"),
        Map.of(),
        new BigDecimal("0.0450"),
        0));
    for (Channel channel : Channel.values()) {
      if (!TRAITS.containsKey(channel)) {
        throw new ExceptionInInitializerError("the channel catalogue has no row for " + channel);
      }
    }
  }

  private ChannelCatalogue() {}

  private static void add(ChannelTraits traits) {
    TRAITS.put(traits.channel(), traits);
  }

  public static ChannelTraits of(Channel channel) {
    return TRAITS.get(channel);
  }

  public static Collection<ChannelTraits> all() {
    return TRAITS.values();
  }
}
