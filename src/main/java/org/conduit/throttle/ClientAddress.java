package org.conduit.throttle;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import jakarta.enterprise.context.RequestScoped;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Who is calling, for throttling: the socket peer's address. Behind a reverse proxy, Quarkus puts
 * the forwarded client address here instead, but only when {@code quarkus.http.proxy.*} says so
 * (forwarding enabled and the proxy listed in {@code trusted-proxies}); otherwise a client could
 * pick its own address with a header.
 *
 * <p>IPv6 clients are keyed by their /64 network: one host usually owns a whole /64 and could
 * otherwise rotate through its addresses.
 */
@RequestScoped
public class ClientAddress {

  /** A throttling key derived from an address. */
  public record Key(String value) {

    /** For a log line: the address's network, never the address (a.b.c.x, or an IPv6 /48). */
    public String network() {
      int dot = value.lastIndexOf('.');
      if (!value.contains(":") && dot > 0) {
        return value.substring(0, dot) + ".x";
      }
      String[] groups = value.split(":");
      return value.endsWith("/64") && groups.length >= 3
          ? groups[0] + ":" + groups[1] + ":" + groups[2] + "::/48"
          : "an address";
    }
  }

  private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9A-Fa-f:.]+");

  private final HttpServerRequest request;

  public ClientAddress(HttpServerRequest request) {
    this.request = request;
  }

  public Key key() {
    SocketAddress remote = request.remoteAddress();
    String host = remote == null ? null : remote.hostAddress();
    return new Key(host == null ? "unknown" : networkOf(host));
  }

  static String networkOf(String host) {
    String literal =
        host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    int zone = literal.indexOf('%');
    if (zone >= 0) {
      literal = literal.substring(0, zone);
    }
    // Only IPv6 literals are parsed: InetAddress would resolve anything else through DNS.
    if (!literal.contains(":") || !IPV6_LITERAL.matcher(literal).matches()) {
      return literal.toLowerCase(Locale.ROOT);
    }
    try {
      InetAddress address = InetAddress.getByName(literal);
      if (address instanceof Inet6Address) {
        byte[] bytes = address.getAddress();
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < 8; i += 2) {
          prefix.append(String.format("%02x%02x:", bytes[i], bytes[i + 1]));
        }
        return prefix.append(":/64").toString();
      }
      return address.getHostAddress();
    } catch (UnknownHostException e) {
      return literal;
    }
  }
}
