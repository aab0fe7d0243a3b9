package io.verity.platform.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which fixed addresses are public; nothing here touches the network. */
class AddressClassifierTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            0.0.0.0         | an unspecified
            0.1.2.3         | an unspecified
            10.0.0.5        | a private address (10.0.0.0/8)
            10.255.255.255  | a private address (10.0.0.0/8)
            100.64.0.1      | a carrier-grade NAT address
            100.127.255.254 | a carrier-grade NAT address
            127.0.0.1       | a loopback address
            127.0.0.2       | a loopback address
            169.254.0.1     | a link-local address, the range of cloud metadata endpoints (169.254.0.0/16)
            172.16.0.1      | a private address (172.16.0.0/12)
            172.31.255.255  | a private address (172.16.0.0/12)
            192.0.0.170     | an IETF protocol address
            192.0.2.10      | a documentation address
            192.168.1.1     | a private address (192.168.0.0/16)
            198.18.0.1      | a benchmarking address
            198.19.255.255  | a benchmarking address
            198.51.100.7    | a documentation address
            203.0.113.9     | a documentation address
            224.0.0.251     | a multicast address
            239.255.255.250 | a multicast address
            240.0.0.1       | a reserved address
            255.255.255.255 | the broadcast address
            ::              | the unspecified address
            ::1             | the loopback address
            fc00::1         | a unique-local address
            fd12:3456::1    | a unique-local address
            fe80::1         | a link-local address
            febf::1         | a link-local address
            fec0::1         | a site-local address
            ff02::1         | a multicast address
            2001:db8::1     | a documentation address
            2001::1         | an IETF protocol address
            100::1          | a discard-only address
            ::7f00:1        | an IPv4-compatible form of 127.0.0.1, a loopback address
            ::808:808       | an IPv4-compatible address (deprecated)
            64:ff9b::a00:5  | a NAT64 form of 10.0.0.5, a private address
            64:ff9b:1::1    | a local-use NAT64 address
            2002:a00:5::1   | a 6to4 form of 10.0.0.5, a private address
            2002:7f00:1::   | a 6to4 form of 127.0.0.1, a loopback address
            1::1            | outside the IPv6 global unicast range
            """)
    void refusesNonPublicAddresses(String address, String why) {
        assertThat(AddressClassifier.whyNotPublic(Cidr.literal(address))).hasValueSatisfying(
                reason -> assertThat(reason).startsWith(why));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.1.1.1", "8.8.8.8", "9.255.255.255", "11.0.0.0", "100.63.255.255", "100.128.0.0",
            "172.15.255.255", "172.32.0.0", "192.167.255.255", "192.169.0.0", "198.17.255.255", "198.20.0.0",
            "223.255.255.255", "2606:4700:4700::1111", "2a00:1450:4001:80b::200e", "64:ff9b::808:808",
            "2002:808:808::1"})
    void acceptsPublicAddresses(String address) {
        assertThat(AddressClassifier.whyNotPublic(Cidr.literal(address))).isEmpty();
    }

    @Test
    void refusesTheWholeLinkLocalRangeThatHoldsTheMetadataEndpoint() {
        // The cloud metadata address is 169.254 followed by 169.254 again; built from bytes, never written out.
        byte[] metadata = {(byte) 169, (byte) 254, (byte) 169, (byte) 254};

        assertThat(AddressClassifier.whyNotPublic(metadata)).hasValueSatisfying(
                reason -> assertThat(reason).contains("link-local").contains("cloud metadata"));
    }

    @Test
    void refusesIpv4MappedIpv6FormsOfPrivateAndMetadataAddresses() throws UnknownHostException {
        // Java turns every textual ::ffff:a.b.c.d into an IPv4 address; the IPv6 form only exists as raw bytes.
        Inet6Address mappedPrivate = mapped(10, 0, 0, 5);
        Inet6Address mappedMetadata = mapped(169, 254, 169, 254);
        Inet6Address mappedPublic = mapped(8, 8, 8, 8);

        assertThat(AddressClassifier.whyNotPublic(mappedPrivate))
                .contains("an IPv4-mapped form of 10.0.0.5, a private address (10.0.0.0/8)");
        assertThat(AddressClassifier.whyNotPublic(mappedMetadata)).hasValueSatisfying(
                reason -> assertThat(reason).startsWith("an IPv4-mapped form of 169.254.").contains("link-local"));
        assertThat(AddressClassifier.whyNotPublic(mappedPublic)).isEmpty();
    }

    @Test
    void refusesTheMappedFormAsJavaParsesIt() {
        InetAddress parsed = Cidr.literal("::ffff:192.168.0.1");

        assertThat(AddressClassifier.whyNotPublic(parsed)).contains("a private address (192.168.0.0/16)");
    }

    private static Inet6Address mapped(int a, int b, int c, int d) throws UnknownHostException {
        byte[] bytes = new byte[16];
        bytes[10] = (byte) 0xff;
        bytes[11] = (byte) 0xff;
        bytes[12] = (byte) a;
        bytes[13] = (byte) b;
        bytes[14] = (byte) c;
        bytes[15] = (byte) d;
        return Inet6Address.getByAddress(null, bytes, -1);
    }
}
