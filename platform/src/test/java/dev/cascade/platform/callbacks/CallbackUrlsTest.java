package dev.cascade.platform.callbacks;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

class CallbackUrlsTest {

  @Test
  void httpsToAPublicHostIsAllowed() {
    assertThat(CallbackUrls.problem("https://hooks.example.com/cascade?x=1", false))
        .isEmpty();
    assertThat(CallbackUrls.problem("https://hooks.example.com:8443/", false)).isEmpty();
    assertThat(CallbackUrls.problem("https://93.184.216.34/cascade", false)).isEmpty();
    assertThat(CallbackUrls.problem("https://[2606:2800:220:1:248:1893:25c8:1946]/", false))
        .isEmpty();
  }

  @Test
  void plainHttpIsRefusedOutsideDevelopment() {
    assertThat(CallbackUrls.problem("http://hooks.example.com/cascade", false))
        .contains("must be an https URL");
  }

  @Test
  void loopbackPrivateAndLinkLocalHostsAreRefused() {
    for (String host : new String[] {
      "127.0.0.1",
      "127.8.9.10",
      "localhost",
      "api.localhost",
      "LOCALHOST.",
      "[::1]",
      "0.0.0.0",
      "[::]",
      "10.0.0.1",
      "172.16.5.4",
      "172.31.255.255",
      "192.168.1.1",
      "169.254.169.254",
      "100.64.0.1",
      "[fd00::1]",
      "[fe80::1]",
      "[::ffff:127.0.0.1]",
      "[::ffff:10.0.0.1]",
      "224.0.0.1",
      "255.255.255.255",
      "printer.local",
      "metadata.google.internal",
      "kafka",
      "router.home.arpa"
    }) {
      assertThat(CallbackUrls.problem("https://" + host + "/cascade", false))
          .as(host)
          .contains("must not point to a loopback or private address");
    }
  }

  @Test
  void numericHostsThatAreNotDottedQuadsAreRefusedEvenInDevelopment() {
    for (String host : new String[] {"2130706433", "0x7f.1", "127.1", "017700000001", "1.2.3"}) {
      assertThat(CallbackUrls.problem("https://" + host + "/", true))
          .as(host)
          .hasValueSatisfying(problem -> assertThat(problem).contains("four decimal numbers"));
    }
  }

  @Test
  void malformedUrlsAreRefused() {
    assertThat(CallbackUrls.problem(null, false)).contains("is required");
    assertThat(CallbackUrls.problem(" ", false)).contains("is required");
    assertThat(CallbackUrls.problem("hooks.example.com/cascade", false))
        .contains("must be an https URL");
    assertThat(CallbackUrls.problem("ftp://hooks.example.com/", false))
        .contains("must be an https URL");
    assertThat(CallbackUrls.problem("https://user:pw@hooks.example.com/", false))
        .contains("must not carry credentials (user:password@)");
    assertThat(CallbackUrls.problem("https://hooks.example.com/#frag", false))
        .contains("must not have a fragment (#)");
    assertThat(CallbackUrls.problem("https:///path", false)).contains("must name a host");
    assertThat(CallbackUrls.problem("https://exa mple.com/", false))
        .hasValueSatisfying(problem -> assertThat(problem).startsWith("is not a URL"));
    assertThat(CallbackUrls.problem("https://example.com/" + "a".repeat(2048), false))
        .contains("must be at most 2048 characters");
  }

  @Test
  void developmentAllowsPrivateHostsAndPlainHttpOnlyToLoopback() {
    assertThat(CallbackUrls.problem("http://localhost:9000/hook", true)).isEmpty();
    assertThat(CallbackUrls.problem("http://127.0.0.1:9000/hook", true)).isEmpty();
    assertThat(CallbackUrls.problem("http://[::1]:9000/hook", true)).isEmpty();
    assertThat(CallbackUrls.problem("https://10.0.0.1/hook", true)).isEmpty();
    assertThat(CallbackUrls.problem("https://receiver/hook", true)).isEmpty();
    assertThat(CallbackUrls.problem("http://10.0.0.1/hook", true))
        .contains("must be an https URL (plain http only to loopback)");
    assertThat(CallbackUrls.problem("http://hooks.example.com/hook", true))
        .contains("must be an https URL (plain http only to loopback)");
  }

  @Test
  void resolvedAddressesArePublicOnlyOutsideReservedRanges() throws UnknownHostException {
    assertThat(CallbackUrls.isPublic(InetAddress.getByName("8.8.8.8"))).isTrue();
    assertThat(CallbackUrls.isPublic(InetAddress.getByName("2001:4860:4860::8888")))
        .isTrue();
    for (String address : new String[] {
      "127.0.0.1",
      "10.9.8.7",
      "172.20.0.1",
      "192.168.10.10",
      "169.254.1.1",
      "100.100.0.1",
      "198.18.0.1",
      "192.0.0.8",
      "0.1.2.3",
      "240.0.0.1",
      "::1",
      "fc00::5",
      "fe80::5",
      "2001:db8::1",
      "::127.0.0.1",
      "64:ff9b::a00:1",
      "ff02::1"
    }) {
      assertThat(CallbackUrls.isPublic(InetAddress.getByName(address)))
          .as(address)
          .isFalse();
    }
  }
}
