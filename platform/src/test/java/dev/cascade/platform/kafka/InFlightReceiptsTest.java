package dev.cascade.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class InFlightReceiptsTest {

  private static final Instant NOW = Instant.parse("2026-11-24T06:00:00Z");
  private final InFlightReceipts receipts = new InFlightReceipts(Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void withNothingOnItsWayTheWatermarkIsNow() {
    assertThat(receipts.watermark()).isEqualTo(NOW);
  }

  @Test
  void theOldestRecordOnItsWayHoldsTheWatermarkUntilItIsHandedOver() {
    InFlightReceipts.Receipt older = receipts.open(NOW.minusSeconds(3));
    InFlightReceipts.Receipt newer = receipts.open(NOW.minusSeconds(1));

    assertThat(receipts.watermark()).isEqualTo(NOW.minusSeconds(3));
    older.close();
    assertThat(receipts.watermark()).isEqualTo(NOW.minusSeconds(1));
    newer.close();
    assertThat(receipts.watermark()).isEqualTo(NOW);
  }

  @Test
  void aReceiptStampedAfterNowDoesNotMoveTheWatermarkAhead() {
    receipts.open(NOW.plusSeconds(5));

    assertThat(receipts.watermark()).isEqualTo(NOW);
  }
}
