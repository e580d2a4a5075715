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
  void sixIsNotCapableOnRcsAndARejectionElsewhere() {
    assertThat(Behaviour.of("+393401236666", Channel.RCS)).isEqualTo(Behaviour.NOT_CAPABLE);
    assertThat(Behaviour.of("+393401236666", Channel.SMS)).isEqualTo(Behaviour.REJECT);
    assertThat(Behaviour.of("+393401239875", Channel.WHATSAPP)).isEqualTo(Behaviour.FLAKY);
    assertThat(Behaviour.of("+393401239875", Channel.SMS)).isEqualTo(Behaviour.DELIVER_LATE);
  }

  @Test
  void smsIsNeverReadAndRbmReportsNoFailures() {
    assertThat(ReportPlan.of(Behaviour.DELIVER_AND_READ, Channel.SMS)).containsExactly(new Planned(Kind.DELIVERED, false));
    assertThat(ReportPlan.of(Behaviour.DELIVER_AND_READ, Channel.WHATSAPP))
        .containsExactly(new Planned(Kind.DELIVERED, false), new Planned(Kind.READ, false));
    assertThat(ReportPlan.of(Behaviour.READ_LATE, Channel.VIBER))
        .containsExactly(new Planned(Kind.DELIVERED, false), new Planned(Kind.READ, true));
    assertThat(ReportPlan.of(Behaviour.UNDELIVERED, Channel.RCS)).isEmpty();
    assertThat(ReportPlan.of(Behaviour.FAIL, Channel.SMS)).containsExactly(new Planned(Kind.FAILED, false));
    assertThat(ReportPlan.of(Behaviour.SILENT, Channel.WHATSAPP)).isEmpty();
  }
}
