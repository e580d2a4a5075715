package dev.cascade.platform.providers;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProviderIdFormsTest {

  @Test
  void anSmppIdGivenInUpperCaseZeroPaddedHexMeetsAReceiptNamingItInPlainHex() {
    // given: submit_sm_resp said 00000A1F, the receipt says a1f
    ProviderMessageKey report = ProviderIdForms.reportKey("smpp", "a1f");

    // then
    assertThat(ProviderIdForms.attemptKeys("smpp", "00000A1F")).contains(report);
    assertThat(ProviderIdForms.names("smpp", "00000A1F", "a1f")).isTrue();
  }

  @Test
  void anSmppIdGivenInZeroPaddedDecimalMeetsAReceiptNamingItInDecimalOrHex() {
    assertThat(ProviderIdForms.attemptKeys("smpp", "0000002591"))
        .contains(
            ProviderIdForms.reportKey("smpp", "2591"), ProviderIdForms.reportKey("smpp", "A1F"));
  }

  @Test
  void aReceiptNamingAnSmppIdZeroPaddedMeetsTheIdGivenPlain() {
    assertThat(ProviderIdForms.attemptKeys("smpp", "a1f"))
        .contains(
            ProviderIdForms.reportKey("smpp", "0000002591"),
            ProviderIdForms.reportKey("smpp", "00000A1F"));
  }

  @Test
  void anSmppIdKeepsTheFormItWasGivenInAndItsOtherBase() {
    assertThat(ProviderIdForms.attemptKeys("smpp", "4f1a0001"))
        .extracting(ProviderMessageKey::asKey)
        .startsWith("smpp:4f1a0001")
        .contains("smpp:1327104001");
  }

  @Test
  void anSmppIdThatIsNoNumberIsMatchedAsGiven() {
    assertThat(ProviderIdForms.reportKey("smpp", "MSG-42").asKey()).isEqualTo("smpp:MSG-42");
    assertThat(ProviderIdForms.attemptKeys("smpp", "MSG-42"))
        .extracting(ProviderMessageKey::asKey)
        .containsExactly("smpp:MSG-42");
  }

  @Test
  void differentSmppIdsDoNotMeet() {
    assertThat(ProviderIdForms.names("smpp", "00000A1F", "a20")).isFalse();
    assertThat(ProviderIdForms.attemptKeys("smpp", "00000A1F"))
        .doesNotContain(ProviderIdForms.reportKey("smpp", "a20"));
  }

  @Test
  void otherProvidersIdsAreKeyedExactlyAsGiven() {
    // given: a wamid is case-sensitive and may look like hex
    assertThat(ProviderIdForms.reportKey("meta", "wamid.HBgL00AB").asKey())
        .isEqualTo("meta:wamid.HBgL00AB");
    assertThat(ProviderIdForms.attemptKeys("infobip", "00AB"))
        .extracting(ProviderMessageKey::asKey)
        .containsExactly("infobip:00AB");
    assertThat(ProviderIdForms.reportKey("infobip", "00AB").asKey()).isEqualTo("infobip:00AB");
  }
}
