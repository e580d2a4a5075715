package dev.cascade.platform.channels;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cascade.schemas.Channel;
import java.util.HashSet;
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
}
