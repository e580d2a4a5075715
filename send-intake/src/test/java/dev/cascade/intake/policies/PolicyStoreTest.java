package dev.cascade.intake.policies;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cascade.schemas.Channel;
import dev.cascade.schemas.FallbackPolicy;
import dev.cascade.schemas.PolicyStep;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyStoreTest {

  private final PolicyStore store = new PolicyStore();

  @Test
  void theNewestRecordOfANameWinsWhicheverArrivesFirst() {
    // given: this instance applied its own write (offset 7) before the follower read offset 5
    store.apply("otp", policy("otp", 2), 7);

    // when
    store.apply("otp", policy("otp", 1), 5);

    // then
    assertThat(store.find("otp"))
        .hasValueSatisfying(p -> assertThat(p.getVersion()).isEqualTo(2));
  }

  @Test
  void aTombstoneDeletesAndAnOlderRecordDoesNotBringThePolicyBack() {
    store.apply("otp", policy("otp", 1), 3);
    store.apply("otp", null, 4);
    store.apply("otp", policy("otp", 1), 3); // the follower reading behind

    assertThat(store.find("otp")).isEmpty();
    assertThat(store.all()).isEmpty();
  }

  @Test
  void listsThePoliciesByName() {
    store.apply("zeta", policy("zeta", 1), 0);
    store.apply("alpha", policy("alpha", 4), 1);

    assertThat(store.all()).extracting(FallbackPolicy::getName).containsExactly("alpha", "zeta");
  }

  private static FallbackPolicy policy(String name, int version) {
    return FallbackPolicy.newBuilder()
        .setName(name)
        .setVersion(version)
        .setSteps(List.of(
            PolicyStep.newBuilder().setChannel(Channel.SMS).setSender("Cascade").build()))
        .setUpdatedAt(Instant.EPOCH)
        .build();
  }
}
