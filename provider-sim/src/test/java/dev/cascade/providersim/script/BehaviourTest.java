package dev.cascade.providersim.script;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cascade.providersim.script.ReportPlan.Kind;
import dev.cascade.providersim.script.ReportPlan.Planned;
import dev.cascade.schemas.Channel;
import org.junit.jupiter.api.Test;

class BehaviourTest {

  @Test
  void theLastFourDigitsScriptWhatsappRcsViberAndSmsInOrder() {
    String to = "+393401231100";
    assertThat(Behaviour.of(to, Channel.WHATSAPP)).isEqualTo(Behaviour.REJECT);
    assertThat(Behaviour.of(to, Channel.RCS)).isEqualTo(Behaviour.REJECT);
    assertThat(Behaviour.of(to, Channel.VIBER)).isEqualTo(Behaviour.DELIVER_AND_READ);
    assertThat(Behaviour.of(to, Channel.SMS)).isEqualTo(Behaviour.DELIVER_AND_READ);
  }

  @Test
  void eachChannelReadsTheDigitItsCatalogueRowNames() {
    // the catalogue's script digits, counted from the right: SMS 0, Viber 1, RCS 2, WhatsApp 3
    String to = "+393401239874";
    assertThat(Behaviour.of(to, Channel.SMS)).isEqualTo(Behaviour.DELIVER_NEVER_READ);
    assertThat(Behaviour.of(to, Channel.VIBER)).isEqualTo(Behaviour.FAIL);
    assertThat(Behaviour.of(to, Channel.RCS)).isEqualTo(Behaviour.READ_LATE);
    assertThat(Behaviour.of(to, Channel.WHATSAPP)).isEqualTo(Behaviour.FLAKY);
  }

  @Test
  void aNumberTooShortForAChannelsDigitDelivers() {
    // two digits: SMS (digit 0) and Viber (digit 1) are scripted, RCS (2) and WhatsApp (3) are not
    assertThat(Behaviour.of("+17", Channel.SMS)).isEqualTo(Behaviour.FAIL);
    assertThat(Behaviour.of("+17", Channel.VIBER)).isEqualTo(Behaviour.REJECT);
    assertThat(Behaviour.of("+17", Channel.RCS)).isEqualTo(Behaviour.DELIVER_AND_READ);
    assertThat(Behaviour.of("+17", Channel.WHATSAPP)).isEqualTo(Behaviour.DELIVER_AND_READ);
    assertThat(Behaviour.of("", Channel.SMS)).isEqualTo(Behaviour.DELIVER_AND_READ);
  }

  @Test
  void sixIsNotCapableOnRcsAndARejectionElsewhere() {
    assertThat(Behaviour.of("+393401236666", Channel.RCS)).isEqualTo(Behaviour.NOT_CAPABLE);
    assertThat(Behaviour.of("+393401236666", Channel.SMS)).isEqualTo(Behaviour.REJECT);
    assertThat(Behaviour.of("+393401239875", Channel.WHATSAPP)).isEqualTo(Behaviour.FLAKY);
    assertThat(Behaviour.of("+393401239875", Channel.SMS)).isEqualTo(Behaviour.DELIVER_LATE);
  }

  @Test
  void smsIsNeverReadAndRbmReportsNoFailures() {
    assertThat(ReportPlan.of(Behaviour.DELIVER_AND_READ, false, true))
        .containsExactly(new Planned(Kind.DELIVERED, false));
    assertThat(ReportPlan.of(Behaviour.DELIVER_AND_READ, true, true))
        .containsExactly(new Planned(Kind.DELIVERED, false), new Planned(Kind.READ, false));
    assertThat(ReportPlan.of(Behaviour.READ_LATE, true, true))
        .containsExactly(new Planned(Kind.DELIVERED, false), new Planned(Kind.READ, true));
    assertThat(ReportPlan.of(Behaviour.UNDELIVERED, true, false)).isEmpty();
    assertThat(ReportPlan.of(Behaviour.FAIL, false, true))
        .containsExactly(new Planned(Kind.FAILED, false));
    assertThat(ReportPlan.of(Behaviour.SILENT, true, true)).isEmpty();
  }
}
