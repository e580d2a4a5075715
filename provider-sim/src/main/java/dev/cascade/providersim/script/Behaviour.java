package dev.cascade.providersim.script;

import dev.cascade.platform.channels.ChannelCatalogue;
import dev.cascade.schemas.Channel;

/**
 * What a channel does with a message (SPEC section 9): one digit of the destination scripts each
 * channel, the one its {@link dev.cascade.platform.channels.ChannelTraits#scriptDigit()} names
 * (counted from the right, 0 = the last digit). Today the last four digits script WHATSAPP, RCS,
 * VIBER and SMS, in that order; {@code +393401231100} means WhatsApp and RCS reject, Viber and SMS
 * deliver.
 */
public enum Behaviour {
  /** 0: accepted, DELIVERED shortly after, READ shortly after that (SMS: DELIVERED only). */
  DELIVER_AND_READ,
  /** 1: rejected at send. */
  REJECT,
  /** 2: accepted, then an UNDELIVERED report. */
  UNDELIVERED,
  /** 3: accepted, no report ever; an RCS revoke is answered "already delivered". */
  SILENT,
  /** 4: accepted, DELIVERED, never READ. */
  DELIVER_NEVER_READ,
  /** 5: accepted, DELIVERED only after the late delay. */
  DELIVER_LATE,
  /** 6: RCS: the capability check says not capable; other channels as 1. */
  NOT_CAPABLE,
  /** 7: accepted, then a FAILED report. */
  FAIL,
  /** 8: accepted, DELIVERED, READ only after the late delay. */
  READ_LATE,
  /** 9: transient provider errors (503, then 429) on the first two tries, then as 0. */
  FLAKY;

  /**
   * The behaviour of {@code channel} for a destination; a number too short to have the channel's
   * script digit delivers.
   */
  public static Behaviour of(String destination, Channel channel) {
    String digits = destination.replaceAll("[^0-9]", "");
    int fromRight = ChannelCatalogue.of(channel).scriptDigit();
    if (digits.length() <= fromRight) {
      return DELIVER_AND_READ;
    }
    Behaviour scripted = values()[digits.charAt(digits.length() - 1 - fromRight) - '0'];
    // Only RCS has a capability check; the catalogue has no trait for it, so it is named here.
    return scripted == NOT_CAPABLE && channel != Channel.RCS ? REJECT : scripted;
  }
}
