package dev.cascade.platform.callbacks;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which callback URLs Cascade POSTs to (SPEC section 10): {@code https} to a public host; with
 * {@code callbacks.allow.private=true} (development) also private and loopback hosts, and plain
 * {@code http} to loopback. Pure: a host written as an IP address is classified without a lookup,
 * and a name by its form only ({@code localhost}, {@code *.localhost}, {@code *.local}, {@code
 * *.internal}, a name without a dot); the callbacks service checks every address a name resolves
 * to again before each call ({@link #isPublic(InetAddress)}). A name that resolves to a public
 * address when checked and to a private one when connected (DNS rebinding) is not caught: put an
 * egress proxy or firewall in front of the callbacks service where that matters.
 */
public final class CallbackUrls {

  public static final int MAX_LENGTH = 2048;

  private static final Pattern IPV4 = Pattern.compile(
      "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
  /** Digits, dots and hex prefixes that are not a dotted quad: 2130706433, 0x7f.1, 127.1. */
  private static final Pattern NUMERIC_HOST = Pattern.compile("[0-9.]+|0x[0-9a-f.x]*");

  private CallbackUrls() {}

  /** Why {@code url} may not be called back, if it may not; names neither secrets nor the rule's setting. */
  public static Optional<String> problem(String url, boolean allowPrivate) {
    if (url == null || url.isBlank()) {
      return Optional.of("is required");
    }
    if (url.length() > MAX_LENGTH) {
      return Optional.of("must be at most " + MAX_LENGTH + " characters");
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      return Optional.of("is not a URL: " + e.getReason());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http")) {
      return Optional.of("must be an https URL");
    }
    if (uri.getRawUserInfo() != null) {
      return Optional.of("must not carry credentials (user:password@)");
    }
    if (uri.getRawFragment() != null) {
      return Optional.of("must not have a fragment (#)");
    }
    String host = uri.getHost();
    if ((host == null || host.isEmpty()) && uri.getRawAuthority() == null) {
      return Optional.of("must name a host");
    }
    // no host but an authority: not a DNS name nor an IP address as URIs write them (127.1)
    Reach reach = host == null || host.isEmpty() ? Reach.UNCLEAR : reach(host);
    if (reach == Reach.UNCLEAR) {
      return Optional.of(
          "must name its host by a DNS name, an IP address as four decimal numbers (a.b.c.d)"
              + " or [IPv6]");
    }
    if (!allowPrivate) {
      if (reach != Reach.PUBLIC) {
        return Optional.of("must not point to a loopback or private address");
      }
      if (!scheme.equals("https")) {
        return Optional.of("must be an https URL");
      }
      return Optional.empty();
    }
    if (!scheme.equals("https") && reach != Reach.LOOPBACK) {
      return Optional.of("must be an https URL (plain http only to loopback)");
    }
    return Optional.empty();
  }

  /** Where a host is, judged from how it is written. */
  enum Reach {
    PUBLIC,
    PRIVATE,
    LOOPBACK,
    /** Numeric, but not a canonical address: resolvers read such forms differently. */
    UNCLEAR
  }

  static Reach reach(String rawHost) {
    String host = rawHost.toLowerCase(Locale.ROOT);
    if (host.endsWith(".")) {
      host = host.substring(0, host.length() - 1);
    }
    if (host.startsWith("[") && host.endsWith("]")) {
      return literal(host.substring(1, host.length() - 1));
    }
    if (IPV4.matcher(host).matches()) {
      return literal(host);
    }
    if (NUMERIC_HOST.matcher(host).matches()) {
      return Reach.UNCLEAR;
    }
    if (host.equals("localhost") || host.endsWith(".localhost")) {
      return Reach.LOOPBACK;
    }
    if (!host.contains(".")
        || host.endsWith(".local")
        || host.endsWith(".internal")
        || host.endsWith(".lan")
        || host.endsWith(".home.arpa")) {
      return Reach.PRIVATE;
    }
    return Reach.PUBLIC;
  }

  private static Reach literal(String address) {
    InetAddress parsed;
    try {
      parsed = InetAddress.getByName(address); // an IP literal: parsed, never looked up
    } catch (UnknownHostException e) {
      return Reach.UNCLEAR;
    }
    if (parsed.isLoopbackAddress()) {
      return Reach.LOOPBACK;
    }
    return isPublic(parsed) ? Reach.PUBLIC : Reach.PRIVATE;
  }

  /** Whether {@code http} may go to {@code address} in development: loopback only. */
  public static boolean isLoopback(InetAddress address) {
    return address.isLoopbackAddress();
  }

  /**
   * Whether {@code address} is on the public internet: not loopback, unspecified, link-local,
   * private (RFC 1918, RFC 4193), shared (RFC 6598), multicast, benchmarking or reserved.
   */
  public static boolean isPublic(InetAddress address) {
    if (address.isLoopbackAddress()
        || address.isAnyLocalAddress()
        || address.isLinkLocalAddress()
        || address.isSiteLocalAddress()
        || address.isMulticastAddress()) {
      return false;
    }
    byte[] b = address.getAddress();
    if (address instanceof Inet4Address) {
      int first = b[0] & 0xff;
      int second = b[1] & 0xff;
      return first != 0 // this network
          && !(first == 100 && second >= 64 && second < 128) // shared address space
          && !(first == 192 && second == 0 && (b[2] & 0xff) == 0) // IETF protocol assignments
          && !(first == 198 && (second == 18 || second == 19)) // benchmarking
          && first < 240; // reserved and broadcast
    }
    if (address instanceof Inet6Address) {
      int first = b[0] & 0xff;
      boolean uniqueLocal = (first & 0xfe) == 0xfc; // fc00::/7
      boolean documentation = first == 0x20
          && (b[1] & 0xff) == 0x01
          && (b[2] & 0xff) == 0x0d
          && (b[3] & 0xff) == 0xb8; // 2001:db8::/32
      return !uniqueLocal && !documentation && !isIpv4Embedded(b);
    }
    return false;
  }

  /** ::a.b.c.d (IPv4-compatible) and 64:ff9b::/96 (NAT64), which can reach IPv4 private space. */
  private static boolean isIpv4Embedded(byte[] b) {
    boolean zeros = true;
    for (int i = 0; i < 12; i++) {
      zeros &= b[i] == 0;
    }
    boolean nat64 = (b[0] & 0xff) == 0x00
        && (b[1] & 0xff) == 0x64
        && (b[2] & 0xff) == 0xff
        && (b[3] & 0xff) == 0x9b;
    return zeros || nat64;
  }
}
