package dev.cascade.workers.smpp;

import static org.assertj.core.api.Assertions.assertThat;

import org.jsmpp.SMPPConstant;
import org.junit.jupiter.api.Test;

class SmppProviderTest {

  @Test
  void validityIsAnSmppRelativeTime() {
    assertThat(SmppProvider.validity(172_800)).isEqualTo("000002000000000R");
    assertThat(SmppProvider.validity(5)).isEqualTo("000000000005000R");
    assertThat(SmppProvider.validity(90_061)).isEqualTo("000001010101000R");
    assertThat(SmppProvider.validity(null)).isNull();
  }

  @Test
  void concatenatedPartsCarryASixByteUdhWithReferenceTotalAndSequence() {
    byte[] part = SmppProvider.withConcatenationHeader(new byte[] {0x41, 0x42}, 0xAB, 3, 2);

    assertThat(part).containsExactly(0x05, 0x00, 0x03, 0xAB, 0x03, 0x02, 0x41, 0x42);
  }

  @Test
  void anInvalidDestinationIsNamedTheWayTheOtherProvidersNameIt() {
    assertThat(SmppProvider.statusName(SMPPConstant.STAT_ESME_RINVDSTADR))
        .isEqualTo("INVALID_DESTINATION");
    assertThat(SmppProvider.statusName(0x45)).isEqualTo("SMPP_0x00000045");
  }
}
