package dev.cascade.workers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cascade.workers.provider.TransientProviderException;
import dev.cascade.workers.provider.UnsupportedContentException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** The failover decision alone: which failures leave the attempt to the next provider. */
class FailoverTest {

  private static final List<String> SMPP_THEN_INFOBIP = List.of("smpp", "infobip");

  @Test
  void anOpenCircuitOrATransientFailureThroughEveryRetryMovesOnToTheNextProvider() {
    CircuitBreaker open = CircuitBreaker.ofDefaults("smpp");
    open.transitionToOpenState();

    assertThat(Failover.after(
            SMPP_THEN_INFOBIP,
            0,
            new CompletionException(
                CallNotPermittedException.createCallNotPermittedException(open))))
        .isEqualTo(new Failover.MoveOn(1));
    assertThat(Failover.after(
            SMPP_THEN_INFOBIP,
            0,
            new CompletionException(new TransientProviderException("503", null, null))))
        .isEqualTo(new Failover.MoveOn(1));
  }

  @Test
  void anAnswerOrAFailureThatIsNotUnavailabilityStays() {
    assertThat(Failover.after(SMPP_THEN_INFOBIP, 0, null)).isInstanceOf(Failover.Answer.class);
    assertThat(Failover.after(
            SMPP_THEN_INFOBIP, 0, new UnsupportedContentException("smpp cannot send [MEDIA]")))
        .isInstanceOf(Failover.Answer.class);
    assertThat(Failover.after(SMPP_THEN_INFOBIP, 0, new IllegalStateException("bug")))
        .isInstanceOf(Failover.Answer.class);
  }

  @Test
  void theLastProviderUnavailableIsTheAttemptsAnswer() {
    assertThat(Failover.after(
            SMPP_THEN_INFOBIP, 1, new TransientProviderException("timed out", null, null)))
        .isInstanceOf(Failover.Answer.class);
    assertThat(Failover.after(
            List.of("smpp"), 0, new TransientProviderException("timed out", null, null)))
        .isInstanceOf(Failover.Answer.class);
  }
}
