package dev.cascade.platform.requests;

import dev.cascade.platform.channels.ChannelCatalogue;
import dev.cascade.platform.channels.ChannelProviders;
import dev.cascade.platform.channels.ChannelTraits;
import dev.cascade.platform.channels.ContentKind;
import dev.cascade.platform.content.SmsText;
import dev.cascade.platform.sms.SmsEncoding;
import dev.cascade.schemas.Channel;
import dev.cascade.schemas.Content;
import dev.cascade.schemas.DeliveryWindow;
import dev.cascade.schemas.Fallback;
import dev.cascade.schemas.FallbackTrigger;
import dev.cascade.schemas.RichCard;
import dev.cascade.schemas.SendRequest;
import dev.cascade.schemas.Step;
import dev.cascade.schemas.Suggestion;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Every rule of SPEC section 3 on the Avro {@link SendRequest}: one rule set for requests that
 * came over HTTP (send-intake maps the JSON first) and for requests a producer wrote to
 * send.requests directly (fallback-timer checks them before their state machine starts), so a
 * request intake accepted can never be refused later. Each broken rule names its field.
 */
public final class SendRequestRules {

  public static final int MAX_STEPS = 8;
  public static final int MAX_AFTER_SECONDS = 259_200;
  public static final long MAX_VALIDITY_SECONDS = ChannelCatalogue.MAX_VALIDITY.toSeconds();
  public static final int MAX_SMS_PARTS = 10;
  public static final int MAX_CAROUSEL_CARDS = 10;
  public static final int MAX_CAMPAIGN_REFERENCE = 200;
  /** How far ahead a scheduled send may be (SPEC section 10). */
  public static final Duration MAX_SEND_AT_AHEAD = Duration.ofDays(30);
  /** How far in the past a scheduled send may be (clocks differ a little). */
  public static final Duration MAX_SEND_AT_BEHIND = Duration.ofMinutes(1);

  private static final Pattern MESSAGE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
  private static final Pattern E164 = Pattern.compile("\\+[0-9]{8,15}");
  private static final Pattern CLOCK = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]");

  private final ChannelProviders providers;
  private final int smsMaxPartsForConversion;
  private final Clock clock;

  /**
   * @param providers the providers each channel may name
   * @param smsMaxPartsForConversion the parts AUTO-converted SMS text may use (a carousel is cut to
   *     fit, other content must fit; SPEC section 4)
   */
  public SendRequestRules(ChannelProviders providers, int smsMaxPartsForConversion) {
    this(providers, smsMaxPartsForConversion, Clock.systemUTC());
  }

  /** @param clock what a scheduled send is measured from when the request has no receive time */
  public SendRequestRules(ChannelProviders providers, int smsMaxPartsForConversion, Clock clock) {
    if (smsMaxPartsForConversion < 1 || smsMaxPartsForConversion > MAX_SMS_PARTS) {
      throw new IllegalArgumentException(
          "sms.max.parts.for.conversion must be 1 to " + MAX_SMS_PARTS);
    }
    this.providers = providers;
    this.smsMaxPartsForConversion = smsMaxPartsForConversion;
    this.clock = clock;
  }

  /** Every broken rule, in field order; empty when the request is valid. */
  public List<Violation> violations(SendRequest request) {
    return violations(request, clock.instant());
  }

  /**
   * The same, at {@code now}: a scheduled send is measured from when intake received the request,
   * or (produced to Kafka directly) from {@code now}.
   */
  public List<Violation> violations(SendRequest request, Instant now) {
    Check check = new Check();
    if (!MESSAGE_ID.matcher(request.getMessageId()).matches()) {
      check.error("messageId", "must be 1 to 64 characters of A-Z a-z 0-9 . _ : -");
    }
    if (request.getTo().isBlank()) {
      check.error("to", "is required");
    } else if (!E164.matcher(request.getTo()).matches()) {
      check.error("to", "must be E.164: + and 8 to 15 digits");
    }
    steps(request.getSteps(), true, check);
    if (request.getDeliveryWindow() != null) {
      window(request.getDeliveryWindow(), check);
    }
    if (request.getSendAt() != null) {
      sendAt(request, now, check);
    }
    String campaign = request.getCampaignReferenceId();
    if (campaign != null && campaign.length() > MAX_CAMPAIGN_REFERENCE) {
      check.error(
          "campaignReferenceId", "must be at most " + MAX_CAMPAIGN_REFERENCE + " characters");
    }
    return check.violations;
  }

  /**
   * The step rules without the content rules, for a named fallback policy's chain (SPEC section
   * 10): a policy holds no content, each request brings it, and the whole request is checked then.
   * Fields are named as in a request ({@code steps[1].fallback.afterSeconds}); the steps' content
   * is ignored.
   */
  public List<Violation> chainViolations(List<Step> steps) {
    Check check = new Check();
    steps(steps, false, check);
    return check.violations;
  }

  private void steps(List<Step> steps, boolean withContent, Check check) {
    if (steps.isEmpty()) {
      check.error("steps", "must have 1 to " + MAX_STEPS + " steps");
      return;
    }
    if (steps.size() > MAX_STEPS) {
      check.error("steps", "must have at most " + MAX_STEPS + " steps, has " + steps.size());
    }
    Set<String> channelAndProvider = new HashSet<>();
    for (int i = 0; i < steps.size(); i++) {
      Step step = steps.get(i);
      String path = "steps[" + i + "]";
      ChannelTraits traits = ChannelCatalogue.of(step.getChannel());
      if (!channelAndProvider.add(
          step.getChannel() + "/" + Objects.toString(step.getProvider(), ""))) {
        check.error(
            path + ".channel",
            step.getChannel() + " appears again: repeat a channel only with a different provider");
      }
      String provider = step.getProvider();
      if (provider != null && !providers.serves(step.getChannel(), provider)) {
        check.error(
            path + ".provider",
            provider + " does not serve " + step.getChannel() + "; " + step.getChannel()
                + " providers: " + String.join(", ", providers.servedBy(step.getChannel())));
      }
      if (step.getSender().isBlank()) {
        check.error(path + ".sender", "is required");
      }
      if (withContent) {
        content(steps, i, traits, check);
      }
      fallback(path, step, traits, i == steps.size() - 1, check);
      Integer validity = step.getValiditySeconds();
      if (validity != null && (validity < 1 || validity > MAX_VALIDITY_SECONDS)) {
        check.error(
            path + ".validitySeconds", "must be 1 to " + MAX_VALIDITY_SECONDS + " seconds (48 h)");
      }
    }
  }

  private void fallback(String path, Step step, ChannelTraits traits, boolean last, Check check) {
    Fallback fallback = step.getFallback();
    if (fallback == null) {
      return;
    }
    if (last) {
      check.error(path + ".fallback", "the last step has no fallback: its own result is final");
      return;
    }
    List<FallbackTrigger> on = fallback.getOn();
    if (on.isEmpty()) {
      check.error(
          path + ".fallback.on",
          "must name at least one trigger (or leave it out for the default)");
    }
    for (int t = 0; t < on.size(); t++) {
      if (on.get(t) == FallbackTrigger.UNREAD && !traits.readReceipts()) {
        check.error(
            path + ".fallback.on[" + t + "]",
            "UNREAD is invalid on " + step.getChannel() + ": " + step.getChannel()
                + " has no read receipts");
      }
    }
    Integer after = fallback.getAfterSeconds();
    if (after != null && (after < 1 || after > MAX_AFTER_SECONDS)) {
      check.error(path + ".fallback.afterSeconds", "must be 1 to " + MAX_AFTER_SECONDS);
    }
    if (fallback.getRevoke() && !traits.revocable()) {
      check.error(
          path + ".fallback.revoke",
          "revoke before fallback is supported on " + revocableChannels() + " only");
    }
  }

  private void content(List<Step> steps, int index, ChannelTraits traits, Check check) {
    String path = "steps[" + index + "].content";
    Content content = steps.get(index).getContent();
    List<ContentKind> kinds = ContentKind.of(content);
    if (kinds.size() != 1) {
      check.error(
          path,
          "must have exactly one of text, template, richCard, carousel, media, smsConversion; has "
              + (kinds.isEmpty()
                  ? "none"
                  : String.join(", ", kinds.stream().map(ContentKind::field).toList())));
      return;
    }
    ContentKind kind = kinds.getFirst();
    String kindPath = path + "." + kind.field();
    if (!traits.carries(kind)) {
      check.error(
          kindPath,
          traits.channel() + " does not send " + kind.field() + "; it sends "
              + String.join(
                  ", ",
                  traits.contentKinds().stream()
                      .sorted()
                      .map(ContentKind::field)
                      .toList()));
      return;
    }
    providerSends(kindPath, steps.get(index), traits, kind, check);
    switch (kind) {
      case TEXT -> text(kindPath, content.getText(), traits, check);
      case TEMPLATE -> {
        if (content.getTemplate().getName().isBlank()) {
          check.error(kindPath + ".name", "is required");
        }
        if (content.getTemplate().getLanguage().isBlank()) {
          check.error(kindPath + ".language", "is required");
        }
      }
      case RICH_CARD -> card(kindPath, content.getRichCard(), check);
      case CAROUSEL -> {
        List<RichCard> cards = content.getCarousel();
        if (cards.size() < 2 || cards.size() > MAX_CAROUSEL_CARDS) {
          check.error(kindPath, "must have 2 to " + MAX_CAROUSEL_CARDS + " cards");
        }
        for (int c = 0; c < cards.size(); c++) {
          card(kindPath + "[" + c + "]", cards.get(c), check);
        }
      }
      case MEDIA -> {
        if (!content.getMedia().startsWith("https://")
            && !content.getMedia().startsWith("http://")) {
          check.error(kindPath, "must be an http(s) URL");
        }
      }
      case SMS_CONVERSION -> smsConversion(kindPath, steps, index, check);
    }
  }

  /**
   * Some content only some of a channel's providers can send (RCS templates: Infobip, not Google
   * RBM): the step's provider, or the channel's default when it names none, must be one of them.
   * A provider that does not serve the channel at all is reported on {@code provider} instead.
   */
  private void providerSends(
      String path, Step step, ChannelTraits traits, ContentKind kind, Check check) {
    Channel channel = step.getChannel();
    String provider =
        step.getProvider() != null ? step.getProvider() : providers.defaultFor(channel);
    if (!providers.serves(channel, provider) || traits.sends(provider, kind)) {
      return;
    }
    String what = channel + " " + kind.field() + "s";
    check.error(
        path,
        provider + (step.getProvider() == null ? " (the default " + channel + " provider)" : "")
            + " cannot send " + what + "; " + channel + " " + kind.field() + " providers: "
            + String.join(", ", traits.providersFor(kind))
            + (step.getProvider() == null ? " (name one in the step's provider)" : ""));
  }

  private static void text(String path, String text, ChannelTraits traits, Check check) {
    if (text.isBlank()) {
      check.error(path, "must not be empty");
    } else if (traits.segmentedText() && SmsEncoding.analyze(text).parts() > MAX_SMS_PARTS) {
      check.error(
          path,
          "needs " + SmsEncoding.analyze(text).parts() + " SMS parts; at most " + MAX_SMS_PARTS
              + " are allowed");
    }
  }

  private static void card(String path, RichCard card, Check check) {
    if (blank(card.getTitle()) && blank(card.getDescription()) && blank(card.getMedia())) {
      check.error(path, "needs a title, a description or media");
      return;
    }
    List<Suggestion> suggestions = card.getSuggestions();
    for (int s = 0; s < suggestions.size(); s++) {
      if (blank(suggestions.get(s).getText())) {
        check.error(path + ".suggestions[" + s + "].text", "is required");
      }
    }
  }

  private void smsConversion(String path, List<Step> steps, int index, Check check) {
    String text = SmsText.of(steps, index, smsMaxPartsForConversion);
    if (text == null || text.isBlank()) {
      check.error(
          path,
          "AUTO needs an earlier step whose text, richCard title or description or carousel titles "
              + "it can convert (a template's approved text is unknown to Cascade: give the SMS step its own text)");
      return;
    }
    int parts = SmsEncoding.analyze(text).parts();
    if (parts > smsMaxPartsForConversion) {
      check.error(
          path,
          "the converted text needs " + parts + " SMS parts; sms.max.parts.for.conversion allows "
              + smsMaxPartsForConversion
              + " (shorten the earlier step or give the SMS step its own text)");
    }
  }

  private static void window(DeliveryWindow window, Check check) {
    if (window.getDays().isEmpty()) {
      check.error("deliveryWindow.days", "must list at least one day");
    }
    for (int d = 0; d < window.getDays().size(); d++) {
      try {
        DayOfWeek.valueOf(window.getDays().get(d));
      } catch (IllegalArgumentException e) {
        check.error("deliveryWindow.days[" + d + "]", "must be MONDAY to SUNDAY");
      }
    }
    boolean fromValid = CLOCK.matcher(window.getFrom()).matches();
    boolean toValid = CLOCK.matcher(window.getTo()).matches();
    if (!fromValid) {
      check.error("deliveryWindow.from", "must be a time HH:mm");
    }
    if (!toValid) {
      check.error("deliveryWindow.to", "must be a time HH:mm");
    }
    if (fromValid && toValid && window.getFrom().equals(window.getTo())) {
      check.error("deliveryWindow.to", "must differ from 'from'");
    }
    try {
      ZoneId.of(window.getZone());
    } catch (DateTimeException e) {
      check.error("deliveryWindow.zone", "must be an IANA time zone such as Europe/Rome");
    }
  }

  private static void sendAt(SendRequest request, Instant now, Check check) {
    Instant reference = request.getReceivedAt() != null ? request.getReceivedAt() : now;
    if (request.getSendAt().isAfter(reference.plus(MAX_SEND_AT_AHEAD))) {
      check.error("sendAt", "must be at most 30 days ahead");
    } else if (request.getSendAt().isBefore(reference.minus(MAX_SEND_AT_BEHIND))) {
      check.error("sendAt", "must not be in the past");
    }
  }

  private static String revocableChannels() {
    return String.join(
        ", ",
        ChannelCatalogue.all().stream()
            .filter(ChannelTraits::revocable)
            .map(traits -> traits.channel().name())
            .toList());
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }

  /** The violations found so far. */
  private static final class Check {
    private final List<Violation> violations = new ArrayList<>();

    void error(String field, String detail) {
      violations.add(new Violation(field, detail));
    }
  }
}
