package dev.cascade.platform.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProviderMessageKeyTest {

  @Test
  void roundTripsAnIdThatContainsTheSeparator() {
    ProviderMessageKey key = new ProviderMessageKey("meta", "wamid.HBg:LMzkz");
    assertThat(key.asKey()).isEqualTo("meta:wamid.HBg:LMzkz");
    assertThat(ProviderMessageKey.parse(key.asKey())).isEqualTo(key);
  }

  @Test
  void refusesAProviderNameWithTheSeparatorAndAKeyWithout() {
    assertThatThrownBy(() -> new ProviderMessageKey("a:b", "1"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ProviderMessageKey.parse("no-separator"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
