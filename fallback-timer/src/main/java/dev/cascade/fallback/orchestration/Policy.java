package dev.cascade.fallback.orchestration;

import dev.cascade.schemas.Channel;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * Settings the state machine needs: unit prices, how long an ended message is kept for late
 * reports and status reads, and the validity used when a step sets none.
 *
 * @param pricePerUnit price of one billable unit (an SMS part, or one message elsewhere)
 * @param minRetention an ended message stays readable at least this long
 * @param defaultValidity validity of a step without validitySeconds (SMS: the 48 h ceiling)
 * @param smsMaxPartsForConversion parts an AUTO-converted carousel may use
 */
public record Policy(
    Map<Channel, BigDecimal> pricePerUnit,
    String currency,
    Duration minRetention,
    Duration defaultValidity,
    int smsMaxPartsForConversion) {

  public static final Duration MAX_VALIDITY = Duration.ofHours(48);

  public Policy {
    pricePerUnit = Map.copyOf(new EnumMap<>(pricePerUnit));
  }

  public static Policy defaults() {
    return new Policy(Map.of(
            Channel.WHATSAPP, new BigDecimal("0.0300"),
            Channel.RCS, new BigDecimal("0.0200"),
            Channel.VIBER, new BigDecimal("0.0250"),
            Channel.SMS, new BigDecimal("0.0450")),
        "EUR", Duration.ofHours(1), MAX_VALIDITY, 1);
  }

  BigDecimal price(Channel channel, int units) {
    return pricePerUnit.getOrDefault(channel, BigDecimal.ZERO).multiply(BigDecimal.valueOf(units));
  }
}
