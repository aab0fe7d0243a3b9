package io.verity.platform.net;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Tells public addresses from those a caller's URL must not reach: loopback, private, link-local (which holds the
 * cloud metadata endpoints), carrier-grade NAT, multicast, broadcast, documentation, benchmarking and reserved ranges,
 * their IPv6 counterparts, and IPv6 forms that embed an IPv4 address (mapped, compatible, NAT64, 6to4).
 */
final class AddressClassifier {

    private record Range(Cidr cidr, String kind) {
        String describe() {
            return kind + " (" + cidr + ")";
        }
    }

    private static final List<Range> IPV4 = List.of(
            range("0.0.0.0/8", "an unspecified (\"this network\") address"),
            range("10.0.0.0/8", "a private address"),
            range("100.64.0.0/10", "a carrier-grade NAT address"),
            range("127.0.0.0/8", "a loopback address"),
            range("169.254.0.0/16", "a link-local address, the range of cloud metadata endpoints"),
            range("172.16.0.0/12", "a private address"),
            range("192.0.0.0/24", "an IETF protocol address"),
            range("192.0.2.0/24", "a documentation address"),
            range("192.88.99.0/24", "a 6to4 relay address"),
            range("192.168.0.0/16", "a private address"),
            range("198.18.0.0/15", "a benchmarking address"),
            range("198.51.100.0/24", "a documentation address"),
            range("203.0.113.0/24", "a documentation address"),
            range("224.0.0.0/4", "a multicast address"),
            // Before 240.0.0.0/4, which contains it: the more precise name wins.
            range("255.255.255.255/32", "the broadcast address"),
            range("240.0.0.0/4", "a reserved address"));

    private static final List<Range> IPV6 = List.of(
            range("::/128", "the unspecified address"),
            range("::1/128", "the loopback address"),
            range("::/96", "an IPv4-compatible address (deprecated)"),
            range("64:ff9b:1::/48", "a local-use NAT64 address"),
            range("100::/64", "a discard-only address"),
            // Teredo (2001::/32, which hides an IPv4 address), benchmarking and ORCHID live here; no public host does.
            range("2001::/23", "an IETF protocol address"),
            range("2001:db8::/32", "a documentation address"),
            range("3fff::/20", "a documentation address"),
            range("5f00::/16", "a segment-routing address"),
            range("fc00::/7", "a unique-local address"),
            range("fe80::/10", "a link-local address"),
            range("fec0::/10", "a site-local address"),
            range("ff00::/8", "a multicast address"));

    private static final Cidr IPV4_COMPATIBLE = Cidr.parse("::/96");
    private static final Cidr NAT64 = Cidr.parse("64:ff9b::/96");
    private static final Cidr SIX_TO_FOUR = Cidr.parse("2002::/16");
    private static final Cidr GLOBAL_UNICAST = Cidr.parse("2000::/3");

    private AddressClassifier() {
    }

    /** Why {@code address} is not public, as words a caller can read ("a private address (10.0.0.0/8)"); empty if it is. */
    static Optional<String> whyNotPublic(InetAddress address) {
        return whyNotPublic(address.getAddress());
    }

    static Optional<String> whyNotPublic(byte[] address) {
        return address.length == 4 ? ipv4(address) : ipv6(address);
    }

    private static Optional<String> ipv4(byte[] address) {
        return IPV4.stream().filter(r -> r.cidr.contains(address)).findFirst().map(Range::describe);
    }

    private static Optional<String> ipv6(byte[] address) {
        Optional<String> embedded = embeddedIpv4(address);
        if (embedded.isPresent()) {
            return embedded;
        }
        Optional<String> special = IPV6.stream().filter(r -> r.cidr.contains(address)).findFirst().map(Range::describe);
        if (special.isPresent() || NAT64.contains(address) || isIpv4Mapped(address)) {
            return special; // NAT64 and mapped forms of public IPv4 addresses are public
        }
        return GLOBAL_UNICAST.contains(address) ? Optional.empty()
                : Optional.of("outside the IPv6 global unicast range (2000::/3)");
    }

    /** The verdict on an IPv4 address embedded in an IPv6 one, when that IPv4 address is not public. */
    private static Optional<String> embeddedIpv4(byte[] address) {
        String form;
        byte[] ipv4;
        if (isIpv4Mapped(address)) {
            form = "an IPv4-mapped form of ";
            ipv4 = Arrays.copyOfRange(address, 12, 16);
        } else if (NAT64.contains(address)) {
            form = "a NAT64 form of ";
            ipv4 = Arrays.copyOfRange(address, 12, 16);
        } else if (SIX_TO_FOUR.contains(address)) {
            form = "a 6to4 form of ";
            ipv4 = Arrays.copyOfRange(address, 2, 6);
        } else if (IPV4_COMPATIBLE.contains(address) && !isUnspecifiedOrLoopback(address)) {
            form = "an IPv4-compatible form of ";
            ipv4 = Arrays.copyOfRange(address, 12, 16);
        } else {
            return Optional.empty();
        }
        return ipv4(ipv4).map(why -> form + text(ipv4) + ", " + why);
    }

    /** ::ffff:0:0/96, checked by hand: Java turns every textual form of it into an IPv4 address. */
    private static boolean isIpv4Mapped(byte[] address) {
        for (int i = 0; i < 10; i++) {
            if (address[i] != 0) {
                return false;
            }
        }
        return address[10] == (byte) 0xff && address[11] == (byte) 0xff;
    }

    private static boolean isUnspecifiedOrLoopback(byte[] address) {
        for (int i = 0; i < 15; i++) {
            if (address[i] != 0) {
                return false;
            }
        }
        return address[15] == 0 || address[15] == 1;
    }

    private static String text(byte[] ipv4) {
        return (ipv4[0] & 0xff) + "." + (ipv4[1] & 0xff) + "." + (ipv4[2] & 0xff) + "." + (ipv4[3] & 0xff);
    }

    private static Range range(String cidr, String kind) {
        return new Range(Cidr.parse(cidr), kind);
    }
}
