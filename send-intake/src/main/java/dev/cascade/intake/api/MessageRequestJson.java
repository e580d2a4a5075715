package dev.cascade.intake.api;

import java.util.List;
import java.util.Map;

/**
 * The JSON body of {@code POST /v1/messages} (SPEC section 3) as parsed, before validation: every
 * field may be missing or wrong, and the validator says which. A request gives either its own
 * {@code steps} or a named {@code policy} with the {@code content} for each of its channels
 * (SPEC section 10), keyed by channel name.
 */
public record MessageRequestJson(
    String messageId,
    String to,
    List<StepJson> steps,
    DeliveryWindowJson deliveryWindow,
    String campaignReferenceId,
    Boolean simulation,
    String sendAt,
    String policy,
    Map<String, ContentJson> content) {

  public record StepJson(
      String channel,
      String provider,
      String sender,
      ContentJson content,
      FallbackJson fallback,
      Integer validitySeconds,
      ValidityPeriodJson validityPeriod) {}

  public record ContentJson(
      String text,
      TemplateJson template,
      RichCardJson richCard,
      List<RichCardJson> carousel,
      String media,
      String smsConversion) {}

  /** Template parameters keep their JSON order (Jackson reads objects into a LinkedHashMap). */
  public record TemplateJson(String name, String language, Map<String, String> parameters) {}

  public record RichCardJson(
      String title, String description, String media, List<SuggestionJson> suggestions) {}

  public record SuggestionJson(String text, String postbackData) {}

  public record FallbackJson(List<String> on, Integer afterSeconds, Boolean revoke) {}

  /** Infobip's form of a validity: an amount and a unit (SECONDS, MINUTES, HOURS, DAYS). */
  public record ValidityPeriodJson(Integer amount, String timeUnit) {}

  public record DeliveryWindowJson(List<String> days, String from, String to, String zone) {}
}
