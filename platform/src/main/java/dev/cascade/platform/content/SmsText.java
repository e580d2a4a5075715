package dev.cascade.platform.content;

import dev.cascade.platform.sms.SmsEncoding;
import dev.cascade.schemas.Content;
import dev.cascade.schemas.RichCard;
import dev.cascade.schemas.SmsConversion;
import dev.cascade.schemas.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The text an SMS step sends (seed 002): its own custom text, or with {@code smsConversion: AUTO}
 * the nearest earlier rich step converted: text as is; a rich card's title on line 1 and its
 * description on line 2 (media and suggestions dropped); a carousel as each card's title, one
 * per line, cut to fit the configured number of parts. A template is not converted: its approved
 * text lives at the provider, so AUTO looks past it to an earlier step.
 */
public final class SmsText {

  private SmsText() {}

  /**
   * The text step {@code smsStep} sends; {@code maxPartsForCarousel} bounds a converted carousel.
   * Null when AUTO finds no earlier step to convert (the request rules refuse such a request).
   */
  public static String of(List<Step> steps, int smsStep, int maxPartsForCarousel) {
    Content own = steps.get(smsStep).getContent();
    if (own.getSmsConversion() != SmsConversion.AUTO) {
      return own.getText();
    }
    for (int i = smsStep - 1; i >= 0; i--) {
      String converted = convert(steps.get(i).getContent(), maxPartsForCarousel);
      if (converted != null) {
        return converted;
      }
    }
    return null;
  }

  private static String convert(Content content, int maxPartsForCarousel) {
    if (content.getText() != null) {
      return content.getText();
    }
    if (content.getRichCard() != null) {
      return cardLines(content.getRichCard());
    }
    if (content.getCarousel() != null && !content.getCarousel().isEmpty()) {
      String titles = content.getCarousel().stream()
          .map(RichCard::getTitle)
          .filter(title -> title != null && !title.isBlank())
          .collect(Collectors.joining("\n"));
      return SmsEncoding.truncateToParts(titles, maxPartsForCarousel);
    }
    return null;
  }

  private static String cardLines(RichCard card) {
    List<String> lines = new ArrayList<>();
    if (card.getTitle() != null && !card.getTitle().isBlank()) {
      lines.add(card.getTitle());
    }
    if (card.getDescription() != null && !card.getDescription().isBlank()) {
      lines.add(card.getDescription());
    }
    return String.join("\n", lines);
  }
}
