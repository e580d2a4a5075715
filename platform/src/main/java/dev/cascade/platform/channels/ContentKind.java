package dev.cascade.platform.channels;

import dev.cascade.schemas.Content;
import java.util.ArrayList;
import java.util.List;

/** The kinds of content a step may carry (SPEC section 3); a step carries exactly one. */
public enum ContentKind {
  TEXT("text"),
  TEMPLATE("template"),
  RICH_CARD("richCard"),
  CAROUSEL("carousel"),
  MEDIA("media"),
  SMS_CONVERSION("smsConversion");

  private final String field;

  ContentKind(String field) {
    this.field = field;
  }

  /** The JSON and Avro field that carries this kind. */
  public String field() {
    return field;
  }

  /** The kinds set on {@code content}, in declaration order (valid content has exactly one). */
  public static List<ContentKind> of(Content content) {
    List<ContentKind> kinds = new ArrayList<>();
    if (content.getText() != null) {
      kinds.add(TEXT);
    }
    if (content.getTemplate() != null) {
      kinds.add(TEMPLATE);
    }
    if (content.getRichCard() != null) {
      kinds.add(RICH_CARD);
    }
    if (content.getCarousel() != null) {
      kinds.add(CAROUSEL);
    }
    if (content.getMedia() != null) {
      kinds.add(MEDIA);
    }
    if (content.getSmsConversion() != null) {
      kinds.add(SMS_CONVERSION);
    }
    return kinds;
  }
}
