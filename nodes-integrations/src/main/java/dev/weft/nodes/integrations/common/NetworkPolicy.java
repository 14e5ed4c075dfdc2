package dev.weft.nodes.integrations.common;

import dev.weft.spi.Services;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import okhttp3.Connection;
import okhttp3.Dns;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;

/**
 * Which addresses nodes that call user-given URLs (HTTP Request, RSS) may reach: the guard against server-side request
 * forgery. By default loopback, private (10/8, 172.16/12, 192.168/16, fc00::/7), link-local (169.254/16 with the cloud
 * metadata address, fe80::/10), carrier-grade NAT (100.64/10), unspecified and multicast addresses are refused. A host
 * application that wants its workflows to reach its own network registers another policy as a service:
 * {@code Weft.builder().service(NetworkPolicy.class, NetworkPolicy.allowPrivate())}.
 *
 * <p>The check runs on every address actually connected to, redirects included, so a public name resolving to a
 * private address (or rebinding to one) is refused as well.
 */
public final class NetworkPolicy {
  private static final NetworkPolicy BLOCK_PRIVATE = new NetworkPolicy(false, List.of());
  private static final NetworkPolicy ALLOW_PRIVATE = new NetworkPolicy(true, List.of());

  private final boolean allowPrivate;
  private final List<String> allowedHosts;

  private NetworkPolicy(boolean allowPrivate, List<String> allowedHosts) {
    this.allowPrivate = allowPrivate;
    this.allowedHosts = List.copyOf(allowedHosts);
  }

  /** Refuses private, loopback and link-local addresses: the default. */
  public static NetworkPolicy blockPrivate() {
    return BLOCK_PRIVATE;
  }

  /** Allows every address. */
  public static NetworkPolicy allowPrivate() {
    return ALLOW_PRIVATE;
  }

  /**
   * Refuses private addresses except for these host names or literal addresses (for example {@code localhost},
   * {@code 10.0.0.5}).
   */
  public static NetworkPolicy allowingHosts(String... hosts) {
    List<String> list = new ArrayList<>();
    for (String h : hosts) {
      list.add(Objects.requireNonNull(h, "host").toLowerCase(Locale.ROOT));
    }
    return new NetworkPolicy(false, list);
  }

  /** The policy the host registered, or {@link #blockPrivate()} when it registered none. */
  public static NetworkPolicy of(Services services) {
    try {
      NetworkPolicy p = services.service(NetworkPolicy.class);
      return p == null ? BLOCK_PRIVATE : p;
    } catch (IllegalStateException | IllegalArgumentException none) {
      return BLOCK_PRIVATE;
    }
  }

  /** Whether every address is allowed. */
  public boolean allowsAll() {
    return allowPrivate;
  }

  /**
   * Checks one address reached for a host name.
   *
   * @throws BlockedAddressException naming the host and address when the policy refuses it
   */
  public void check(String host, InetAddress address) throws BlockedAddressException {
    if (allowPrivate || address == null) {
      return;
    }
    String h = host == null ? "" : host.toLowerCase(Locale.ROOT);
    if (allowedHosts.contains(h) || allowedHosts.contains(address.getHostAddress().toLowerCase(Locale.ROOT))) {
      return;
    }
    if (isInternal(address)) {
      throw new BlockedAddressException("blocked: host '" + host + "' resolves to the internal address "
          + address.getHostAddress() + ", which this Weft host does not allow workflows to reach (register a "
          + "NetworkPolicy service allowing it)");
    }
  }

  /** Whether an address is loopback, private, link-local, carrier-grade NAT, unspecified or multicast. */
  public static boolean isInternal(InetAddress a) {
    if (a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress()
        || a.isMulticastAddress()) {
      return true;
    }
    byte[] b = a.getAddress();
    if (a instanceof Inet4Address) {
      int first = b[0] & 0xff;
      int second = b[1] & 0xff;
      return first == 0 || (first == 100 && second >= 64 && second <= 127) || first >= 240;
    }
    if (a instanceof Inet6Address) {
      if ((b[0] & 0xfe) == 0xfc) {
        return true; // unique local fc00::/7
      }
      boolean mapped = true;
      for (int i = 0; i < 10; i++) {
        mapped &= b[i] == 0;
      }
      if (mapped && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
        try {
          return isInternal(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
        } catch (UnknownHostException impossible) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * A client derived from {@code base} that enforces this policy: name resolution refuses internal addresses, and a
   * network interceptor checks the address of every connection (literal addresses and redirects included).
   */
  public OkHttpClient apply(OkHttpClient base) {
    if (allowPrivate) {
      return base;
    }
    Dns dns = base.dns();
    return base.newBuilder()
        .dns(host -> {
          List<InetAddress> all = dns.lookup(host);
          for (InetAddress a : all) {
            check(host, a);
          }
          return all;
        })
        .addNetworkInterceptor(chain -> {
          Connection c = chain.connection();
          if (c != null) {
            InetSocketAddress sa = c.route().socketAddress();
            check(chain.request().url().host(), sa.getAddress());
          }
          return chain.proceed(chain.request());
        })
        .build();
  }

  /** Checks a host before connecting with a non-HTTP client (feeds read over other libraries). */
  public void checkHost(String host) throws IOException {
    if (allowPrivate) {
      return;
    }
    for (InetAddress a : InetAddress.getAllByName(host)) {
      check(host, a);
    }
  }
}
