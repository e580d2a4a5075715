package dev.cascade.bench.fast;

import dev.cascade.schemas.RawDeliveryReport;

/** Where the fast provider's reports go: {@code dlr.raw} in a worker, a list in a test. */
@FunctionalInterface
interface ReportSink extends AutoCloseable {

  void report(RawDeliveryReport report);

  @Override
  default void close() {}
}
