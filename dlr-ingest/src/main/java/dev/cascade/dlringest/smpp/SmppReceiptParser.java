package dev.cascade.dlringest.smpp;

import dev.cascade.dlringest.reports.MalformedReportException;
import dev.cascade.dlringest.reports.ReportParser;
import dev.cascade.platform.providers.SmppMessageIds;
import dev.cascade.schemas.Channel;
import dev.cascade.schemas.RawDeliveryReport;
import dev.cascade.schemas.ReportStatus;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SMPP 3.4 delivery receipts (the short_message of a deliver_sm with esm_class "SMSC delivery
 * receipt", SMPP 3.4 Appendix B): {@code id:IIII sub:SSS dlvrd:DDD submit date:YYMMDDhhmm done
 * date:YYMMDDhhmm stat:DDDDDDD err:E text:...}, in ISO-8859-1. Dates are taken as UTC. The id is
 * kept as the SMSC wrote it; {@link SmppMessageIds} knows which submitted id it names.
 */
final class SmppReceiptParser implements ReportParser {

  static final String PROVIDER = SmppMessageIds.PROVIDER;
  private static final Pattern FIELD = Pattern.compile(
      "(id|sub|dlvrd|submit date|done date|stat|err):(\\S*)", Pattern.CASE_INSENSITIVE);
  private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyMMddHHmm");
  private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyMMddHHmmss");

  @Override
  public String provider() {
    return PROVIDER;
  }

  @Override
  public List<RawDeliveryReport> parse(byte[] shortMessage, Instant receivedAt)
      throws MalformedReportException {
    return List.of(parse(new String(shortMessage, StandardCharsets.ISO_8859_1), receivedAt));
  }

  static RawDeliveryReport parse(String receipt, Instant receivedAt)
      throws MalformedReportException {
    String beforeText = receipt.split("(?i)\\btext:", 2)[0];
    Map<String, String> fields = new HashMap<>();
    Matcher matcher = FIELD.matcher(beforeText);
    while (matcher.find()) {
      fields.put(matcher.group(1).toLowerCase(Locale.ROOT), matcher.group(2));
    }
    String id = fields.getOrDefault("id", "");
    String stat = fields.getOrDefault("stat", "").toUpperCase(Locale.ROOT);
    if (id.isEmpty() || stat.isEmpty()) {
      throw new MalformedReportException("an SMPP receipt needs id: and stat:");
    }
    ReportStatus status = switch (stat) {
      case "DELIVRD" -> ReportStatus.DELIVERED;
      case "UNDELIV" -> ReportStatus.UNDELIVERED;
      case "EXPIRED" -> ReportStatus.EXPIRED;
      case "REJECTD", "DELETED", "UNKNOWN" -> ReportStatus.FAILED;
      case "ACCEPTD", "ENROUTE" -> ReportStatus.SENT;
      default -> throw new MalformedReportException("unknown SMPP receipt state '" + stat + "'");
    };
    String err = fields.get("err");
    boolean error = err != null && !err.chars().allMatch(c -> c == '0');
    return RawDeliveryReport.newBuilder()
        .setProvider(PROVIDER)
        .setProviderMessageId(id)
        .setChannel(Channel.SMS)
        .setStatus(status)
        .setProviderStatus(stat)
        .setProviderCode(error ? err : null)
        .setOccurredAt(time(fields.get("done date"), receivedAt))
        .setReceivedAt(receivedAt)
        .build();
  }

  private static Instant time(String text, Instant fallback) {
    if (text == null || text.isEmpty()) {
      return fallback;
    }
    try {
      boolean minutesOnly = text.length() != 12;
      Instant done =
          LocalDateTime.parse(text, minutesOnly ? MINUTES : SECONDS).toInstant(ZoneOffset.UTC);
      // A receipt dated to the minute only: the receive time within that minute is more exact.
      if (minutesOnly && !fallback.isBefore(done) && fallback.isBefore(done.plusSeconds(60))) {
        return fallback;
      }
      return done;
    } catch (DateTimeParseException e) {
      return fallback; // some SMSCs write their own date forms: the receive time is close enough
    }
  }
}
