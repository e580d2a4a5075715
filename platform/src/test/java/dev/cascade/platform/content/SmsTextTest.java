package dev.cascade.platform.content;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cascade.schemas.Channel;
import dev.cascade.schemas.Content;
import dev.cascade.schemas.RichCard;
import dev.cascade.schemas.SmsConversion;
import dev.cascade.schemas.Step;
import dev.cascade.schemas.Suggestion;
import dev.cascade.schemas.Template;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Rich content converted for SMS as seed 002 describes. */
class SmsTextTest {

  private static final Step AUTO_SMS = step(
      Channel.SMS, Content.newBuilder().setSmsConversion(SmsConversion.AUTO).build());

  @Test
  void aRichCardBecomesTitleThenDescriptionWithMediaAndSuggestionsDropped() {
    Step rcs = step(
        Channel.RCS,
        Content.newBuilder()
            .setRichCard(RichCard.newBuilder()
                .setTitle("Spring sale")
                .setDescription("20% off until Sunday")
                .setMedia("https://example.com/sale.png")
                .setSuggestions(
                    List.of(Suggestion.newBuilder().setText("Shop now").build()))
                .build())
            .build());

    assertThat(SmsText.of(List.of(rcs, AUTO_SMS), 1, 1))
        .isEqualTo("Spring sale\n20% off until Sunday");
  }

  @Test
  void aCarouselBecomesOneTitlePerLineCutToTheAllowedParts() {
    List<RichCard> cards =
        List.of(card("Sneakers -30%"), card("Jackets -20%"), card("x".repeat(150)));
    Step rcs = step(Channel.RCS, Content.newBuilder().setCarousel(cards).build());

    assertThat(SmsText.of(List.of(rcs, AUTO_SMS), 1, 1)).isEqualTo("Sneakers -30%\nJackets -20%");
    assertThat(SmsText.of(List.of(rcs, AUTO_SMS), 1, 2))
        .isEqualTo("Sneakers -30%\nJackets -20%\n" + "x".repeat(150));
  }

  @Test
  void textIsKeptAsItIsAndACustomSmsTextWins() {
    Step whatsapp = step(
        Channel.WHATSAPP, Content.newBuilder().setText("Order 4411 is ready").build());
    Step custom =
        step(Channel.SMS, Content.newBuilder().setText("Ritira l'ordine 4411").build());

    assertThat(SmsText.of(List.of(whatsapp, AUTO_SMS), 1, 1)).isEqualTo("Order 4411 is ready");
    assertThat(SmsText.of(List.of(whatsapp, custom), 1, 1)).isEqualTo("Ritira l'ordine 4411");
  }

  @Test
  void autoWithNothingBeforeItToConvertHasNoText() {
    assertThat(SmsText.of(List.of(AUTO_SMS), 0, 1)).isNull();
  }

  @Test
  void aTemplateIsNotConvertedAutoLooksPastItToAnEarlierStep() {
    Step template = step(
        Channel.WHATSAPP,
        Content.newBuilder()
            .setTemplate(Template.newBuilder()
                .setName("otp")
                .setLanguage("en")
                .setParameters(Map.of("code", "482913"))
                .build())
            .build());
    Step rcs =
        step(Channel.RCS, Content.newBuilder().setText("Your code is 482913").build());

    assertThat(SmsText.of(List.of(template, AUTO_SMS), 1, 1)).isNull();
    assertThat(SmsText.of(List.of(rcs, template, AUTO_SMS), 2, 1)).isEqualTo("Your code is 482913");
  }

  private static RichCard card(String title) {
    return RichCard.newBuilder().setTitle(title).build();
  }

  private static Step step(Channel channel, Content content) {
    return Step.newBuilder()
        .setChannel(channel)
        .setSender("s")
        .setContent(content)
        .build();
  }
}
