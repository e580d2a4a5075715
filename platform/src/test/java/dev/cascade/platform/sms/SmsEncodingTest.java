package dev.cascade.platform.sms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cascade.platform.sms.SmsEncoding.Encoding;
import dev.cascade.platform.sms.SmsEncoding.SmsInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Known SMS counter examples: GSM 03.38 with its extension table, UCS-2 with surrogate pairs. */
class SmsEncodingTest {

  @Test
  void gsmTextUpTo160SeptetsIsOnePartAndLongerTextsUse153PerPart() {
    assertThat(SmsEncoding.analyze("a".repeat(160))).isEqualTo(new SmsInfo(Encoding.GSM7, 160, 1));
    assertThat(SmsEncoding.analyze("a".repeat(161))).isEqualTo(new SmsInfo(Encoding.GSM7, 161, 2));
    assertThat(SmsEncoding.analyze("a".repeat(306)).parts()).isEqualTo(2);
    assertThat(SmsEncoding.analyze("a".repeat(307)).parts()).isEqualTo(3);
  }

  @Test
  void extensionCharactersCountTwoAndAreNeverSplitFromTheirEscape() {
    assertThat(SmsEncoding.analyze("€10 [net]")).isEqualTo(new SmsInfo(Encoding.GSM7, 12, 1));
    assertThat(SmsEncoding.analyze("a".repeat(159) + "€"))
        .isEqualTo(new SmsInfo(Encoding.GSM7, 161, 2));

    // 152 septets then a euro sign: it does not fit in the first part's last septet
    List<String> parts = SmsEncoding.split("a".repeat(152) + "€" + "b".repeat(10));
    assertThat(parts).hasSize(2);
    assertThat(parts.get(0)).isEqualTo("a".repeat(152));
    assertThat(parts.get(1)).startsWith("€");
  }

  @Test
  void gsmBasicCharactersLikeAccentedItalianLettersStayGsm() {
    assertThat(SmsEncoding.analyze("Perché è già lì? Sì, però…").encoding())
        .isEqualTo(Encoding.UCS2); // … is not GSM
    assertThat(SmsEncoding.analyze("Perché è già lì? Sì, però").encoding())
        .isEqualTo(Encoding.GSM7);
  }

  @Test
  void oneCharacterOutsideGsmMakesTheWholeTextUcs2With70And67UnitParts() {
    assertThat(SmsEncoding.analyze("Zażółć")).isEqualTo(new SmsInfo(Encoding.UCS2, 6, 1));
    assertThat(SmsEncoding.analyze("ł".repeat(70))).isEqualTo(new SmsInfo(Encoding.UCS2, 70, 1));
    assertThat(SmsEncoding.analyze("ł".repeat(71))).isEqualTo(new SmsInfo(Encoding.UCS2, 71, 2));
    assertThat(SmsEncoding.analyze("中".repeat(134)).parts()).isEqualTo(2);
    assertThat(SmsEncoding.analyze("中".repeat(135)).parts()).isEqualTo(3);
  }

  @Test
  void anEmojiCountsTwoUnitsAndIsNeverSplit() {
    assertThat(SmsEncoding.analyze("Ok 👍")).isEqualTo(new SmsInfo(Encoding.UCS2, 5, 1));

    List<String> parts = SmsEncoding.split("a".repeat(66) + "😀" + "b".repeat(10));
    assertThat(parts).hasSize(2);
    assertThat(parts.get(0)).isEqualTo("a".repeat(66));
    assertThat(parts.get(1)).startsWith("😀");
  }

  @Test
  void seed001TextOf158GsmCharactersIsOnePart() {
    // fallbackSms.text of seed 001 (Agile Telecom UC-005)
    String seed =
        "Gentile Giulia, e stata registrata una transazione di EUR 1.250,00 in data 09/04/2026. "
            + "Se non riconosci questa operazione, chiama il numero verde 800.123.456.";
    assertThat(seed).hasSize(158);
    assertThat(SmsEncoding.analyze(seed)).isEqualTo(new SmsInfo(Encoding.GSM7, 158, 1));
    assertThat(SmsEncoding.analyze(seed + " Grazie.").parts()).isEqualTo(2);
  }

  @Test
  void gsmSeptetsAreTheDefaultAlphabetCodesWithEscapedExtensions() {
    assertThat(SmsEncoding.gsmSeptets("@A€a\n"))
        .containsExactly(0x00, 0x41, 0x1B, 0x65, 0x61, 0x0A);
    assertThat(SmsEncoding.gsmSeptets("è[")).containsExactly(0x04, 0x1B, 0x3C);
    assertThat(SmsEncoding.analyze("\u00A0").encoding()).isEqualTo(Encoding.UCS2);
  }

  @Test
  void truncationKeepsWholeLinesThatFitThenCutsAtACharacter() {
    String titles = "Sneakers -30%\nJackets -20%\n" + "x".repeat(150);
    assertThat(SmsEncoding.truncateToParts(titles, 1)).isEqualTo("Sneakers -30%\nJackets -20%");
    assertThat(SmsEncoding.truncateToParts("y".repeat(200), 1)).isEqualTo("y".repeat(160));
    assertThat(SmsEncoding.truncateToParts("short", 1)).isEqualTo("short");
  }
}
