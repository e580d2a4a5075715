package dev.cascade.platform.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cascade.schemas.Channel;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChannelCatalogueTest {

  @Test
  void everyChannelHasARow() {
    for (Channel channel : Channel.values()) {
      assertThat(ChannelCatalogue.of(channel).channel()).isEqualTo(channel);
    }
    assertThat(ChannelCatalogue.all()).hasSize(Channel.values().length);
  }

  @Test
  void smsIsBilledPerPartOnSubmissionAndHasNoReadReceipts() {
    ChannelTraits sms = ChannelCatalogue.of(Channel.SMS);
    assertThat(sms.billedOn()).isEqualTo(BillingPoint.SUBMISSION);
    assertThat(sms.billedPerPart()).isTrue();
    assertThat(sms.readReceipts()).isFalse();
    assertThat(sms.segmentedText()).isTrue();
    assertThat(sms.providers()).containsExactly("infobip", "smpp");
  }

  @Test
  void onlyRcsIsRevocableAndCarriesRichCards() {
    for (ChannelTraits traits : ChannelCatalogue.all()) {
      boolean rcs = traits.channel() == Channel.RCS;
      assertThat(traits.revocable()).as(traits.channel().name()).isEqualTo(rcs);
      assertThat(traits.carries(ContentKind.RICH_CARD))
          .as(traits.channel().name())
          .isEqualTo(rcs);
    }
  }

  @Test
  void simulatorDigitsAreDistinctAndFollowSpecOrder() {
    Set<Integer> digits = new HashSet<>();
    ChannelCatalogue.all()
        .forEach(traits -> assertThat(digits.add(traits.scriptDigit())).isTrue());
    // SPEC section 9: the last four digits script WHATSAPP, RCS, VIBER, SMS in that order
    assertThat(ChannelCatalogue.of(Channel.WHATSAPP).scriptDigit()).isEqualTo(3);
    assertThat(ChannelCatalogue.of(Channel.SMS).scriptDigit()).isZero();
  }

  @Test
  void rcsTemplatesGoThroughInfobipOnlyWhileRbmStaysTheDefault() {
    ChannelTraits rcs = ChannelCatalogue.of(Channel.RCS);

    assertThat(rcs.providers()).containsExactly("rbm", "infobip");
    assertThat(rcs.defaultProvider()).isEqualTo("rbm");
    assertThat(rcs.carries(ContentKind.TEMPLATE)).isTrue();
    assertThat(rcs.providersFor(ContentKind.TEMPLATE)).containsExactly("infobip");
    assertThat(rcs.sends("infobip", ContentKind.TEMPLATE)).isTrue();
    assertThat(rcs.sends("rbm", ContentKind.TEMPLATE)).isFalse();
    // every other kind goes through either provider
    assertThat(rcs.sends("rbm", ContentKind.RICH_CARD)).isTrue();
    assertThat(rcs.sends("infobip", ContentKind.CAROUSEL)).isTrue();
  }

  @Test
  void aKindMayBeRestrictedOnlyToProvidersOfTheChannelThatCarriesIt() {
    assertThatThrownBy(() -> rcsRestricting(ContentKind.TEMPLATE, List.of("meta")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("TEMPLATE");
    assertThatThrownBy(() -> rcsRestricting(ContentKind.SMS_CONVERSION, List.of("infobip")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> rcsRestricting(ContentKind.TEMPLATE, List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static ChannelTraits rcsRestricting(ContentKind kind, List<String> providers) {
    return new ChannelTraits(
        Channel.RCS,
        BillingPoint.DELIVERY,
        false,
        true,
        true,
        Set.of(ContentKind.TEXT, ContentKind.TEMPLATE),
        false,
        Duration.ofHours(48),
        List.of("rbm", "infobip"),
        Map.of(kind, providers),
        BigDecimal.ONE,
        2);
  }
}
