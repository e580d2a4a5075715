package dev.cascade.dlringest.reports;

import dev.cascade.schemas.RawDeliveryReport;
import java.time.Instant;
import java.util.List;

/** Reads one provider's report payload (a webhook body, an SMPP receipt) into RawDeliveryReports. */
public interface ReportParser {

  /** The provider name its attempts record, the first half of the {@code dlr.raw} key. */
  String provider();

  /**
   * The reports in {@code body}; none when it carries no report (an inbound message, a typing
   * event). {@code receivedAt} stands for any time the provider left out.
   */
  List<RawDeliveryReport> parse(byte[] body, Instant receivedAt) throws MalformedReportException;
}
