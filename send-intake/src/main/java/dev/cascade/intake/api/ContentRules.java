package dev.cascade.intake.api;

import dev.cascade.intake.api.MessageRequestJson.ContentJson;
import dev.cascade.intake.api.MessageRequestJson.RichCardJson;
import dev.cascade.intake.api.MessageRequestJson.StepJson;
import dev.cascade.platform.sms.SmsEncoding;
import java.util.ArrayList;
import java.util.List;

/** What a step may send on its channel (SPEC section 3, "Content per channel"). */
final class ContentRules {

  static final int MAX_SMS_PARTS = 10;
  static final int MAX_CAROUSEL_CARDS = 10;

  private final RequestValidator validator;
  private final String path;
  private final String channel;
  private final int stepIndex;
  private final List<StepJson> steps;

  ContentRules(RequestValidator validator, String path, String channel, int stepIndex, List<StepJson> steps) {
    this.validator = validator;
    this.path = path;
    this.channel = channel;
    this.stepIndex = stepIndex;
    this.steps = steps;
  }

  void check(ContentJson content) {
    if (content == null) {
      validator.error(path, "is required");
      return;
    }
    List<String> kinds = kinds(content);
    if (kinds.size() != 1) {
      validator.error(path, "must have exactly one of text, template, richCard, carousel, media, smsConversion; has "
          + (kinds.isEmpty() ? "none" : String.join(", ", kinds)));
      return;
    }
    String kind = kinds.getFirst();
    if ("SMS".equals(channel) && !kind.equals("text") && !kind.equals("smsConversion")) {
      validator.error(path + "." + kind, "SMS sends text or smsConversion only");
      return;
    }
    switch (kind) {
      case "text" -> text(content.text());
      case "template" -> template(content);
      case "richCard" -> card(path + ".richCard", content.richCard());
      case "carousel" -> carousel(content.carousel());
      case "media" -> media(content.media());
      case "smsConversion" -> smsConversion(content.smsConversion());
      default -> throw new IllegalStateException(kind);
    }
  }

  private void text(String text) {
    if (text.isBlank()) {
      validator.error(path + ".text", "must not be empty");
    } else if ("SMS".equals(channel) && SmsEncoding.analyze(text).parts() > MAX_SMS_PARTS) {
      validator.error(path + ".text", "needs " + SmsEncoding.analyze(text).parts() + " SMS parts; at most "
          + MAX_SMS_PARTS + " are allowed");
    }
  }

  private void template(ContentJson content) {
    if ("RCS".equals(channel)) {
      validator.error(path + ".template", "templates are sent on WHATSAPP and VIBER; use richCard or text on RCS");
    }
    if (content.template().name() == null || content.template().name().isBlank()) {
      validator.error(path + ".template.name", "is required");
    }
    if (content.template().language() == null || content.template().language().isBlank()) {
      validator.error(path + ".template.language", "is required");
    }
  }

  private void carousel(List<RichCardJson> cards) {
    if (!"RCS".equals(channel)) {
      validator.error(path + ".carousel", "carousels are sent on RCS only");
      return;
    }
    if (cards.size() < 2 || cards.size() > MAX_CAROUSEL_CARDS) {
      validator.error(path + ".carousel", "must have 2 to " + MAX_CAROUSEL_CARDS + " cards");
    }
    for (int c = 0; c < cards.size(); c++) {
      card(path + ".carousel[" + c + "]", cards.get(c));
    }
  }

  private void card(String cardPath, RichCardJson card) {
    if (!"RCS".equals(channel)) {
      validator.error(cardPath, "rich cards are sent on RCS only");
      return;
    }
    if (card == null || (blank(card.title()) && blank(card.description()) && blank(card.media()))) {
      validator.error(cardPath, "needs a title, a description or media");
      return;
    }
    if (card.suggestions() != null) {
      for (int s = 0; s < card.suggestions().size(); s++) {
        var suggestion = card.suggestions().get(s);
        if (suggestion == null || blank(suggestion.text())) {
          validator.error(cardPath + ".suggestions[" + s + "].text", "is required");
        }
      }
    }
  }

  private void media(String url) {
    if (!url.startsWith("https://") && !url.startsWith("http://")) {
      validator.error(path + ".media", "must be an http(s) URL");
    }
  }

  private void smsConversion(String conversion) {
    if (!"SMS".equals(channel)) {
      validator.error(path + ".smsConversion", "is for SMS steps only");
    } else if (!"AUTO".equals(conversion)) {
      validator.error(path + ".smsConversion", "must be AUTO (or give a custom text instead)");
    } else if (!hasConvertibleEarlierStep()) {
      validator.error(path + ".smsConversion", "AUTO needs an earlier step with text, template, richCard or carousel");
    }
  }

  private boolean hasConvertibleEarlierStep() {
    for (int i = 0; i < stepIndex; i++) {
      ContentJson earlier = steps.get(i) == null ? null : steps.get(i).content();
      if (earlier != null && (earlier.text() != null || earlier.template() != null
          || earlier.richCard() != null || earlier.carousel() != null)) {
        return true;
      }
    }
    return false;
  }

  private static List<String> kinds(ContentJson content) {
    List<String> kinds = new ArrayList<>();
    if (content.text() != null) {
      kinds.add("text");
    }
    if (content.template() != null) {
      kinds.add("template");
    }
    if (content.richCard() != null) {
      kinds.add("richCard");
    }
    if (content.carousel() != null) {
      kinds.add("carousel");
    }
    if (content.media() != null) {
      kinds.add("media");
    }
    if (content.smsConversion() != null) {
      kinds.add("smsConversion");
    }
    return kinds;
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
