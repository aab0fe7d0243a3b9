package io.verity.platform.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.verity.platform.net.OutboundRefusedException.Reason;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The URL and address rules, with a fixed table for name lookups: nothing here touches the network. */
@Timeout(10)
class DestinationPolicyTest {

    private static final Duration TIME = Duration.ofSeconds(2);

    /** Names to addresses; IP literals are parsed as the JDK resolver parses them. */
    private static final Map<String, List<String>> NAMES = Map.of(
            "images.example.com", List.of("93.184.215.14"),
            "mixed.example.com", List.of("93.184.215.14", "10.0.0.5"),
            "images.internal", List.of("10.20.0.7", "192.168.3.4"));

    private static DestinationPolicy policy(String... allowList) {
        return new DestinationPolicy(List.of(allowList), host -> {
            List<String> addresses = NAMES.get(host.toLowerCase(Locale.ROOT));
            if (addresses != null) {
                return addresses.stream().map(Cidr::literal).toArray(InetAddress[]::new);
            }
            if (host.matches("[0-9.]+") || host.contains(":")) {
                return InetAddress.getAllByName(host); // parses IP literals and the decimal form; no lookup
            }
            throw new UnknownHostException(host);
        });
    }

    private static OutboundRefusedException refusal(DestinationPolicy policy, String url) {
        return catchThrowableOfType(OutboundRefusedException.class,
                () -> policy.check(DestinationPolicy.parse(url, "image_url"), "image_url", TIME));
    }

    @Test
    void acceptsAPublicHostAndReturnsTheAddressToConnectTo() {
        Destination destination = policy().check(URI.create("https://images.example.com/a.jpg?sig=1"), "image_url", TIME);

        assertThat(destination.address().getHostAddress()).isEqualTo("93.184.215.14");
        assertThat(destination.port()).isEqualTo(443);
        assertThat(destination.https()).isTrue();
        assertThat(destination.hostHeader()).isEqualTo("images.example.com");
        assertThat(destination.requestTarget()).isEqualTo("/a.jpg?sig=1");
    }

    @Test
    void refusesAHostWhenAnyOfItsAddressesIsPrivate() {
        OutboundRefusedException refused = refusal(policy(), "http://mixed.example.com/a.jpg");

        assertThat(refused.reason()).isEqualTo(Reason.DESTINATION_NOT_ALLOWED);
        assertThat(refused.getMessage()).isEqualTo("image_url host 'mixed.example.com' resolves to 10.0.0.5, "
                + "a private address (10.0.0.0/8); only public addresses are fetched");
    }

    @Test
    void allowsEveryAddressOfAnAllowListedHostName() {
        Destination destination = policy("Images.Internal").check(URI.create("http://images.internal./a.jpg"),
                "image_url", TIME);

        assertThat(destination.address().getHostAddress()).isEqualTo("10.20.0.7");
        assertThat(refusal(policy("other.internal"), "http://images.internal/a.jpg").reason())
                .isEqualTo(Reason.DESTINATION_NOT_ALLOWED);
    }

    @Test
    void allowsOnlyWhatAnAllowListedRangeContains() {
        DestinationPolicy policy = policy("10.20.0.0/16");

        assertThat(policy.check(URI.create("http://10.20.255.1/"), "image_url", TIME).address().getHostAddress())
                .isEqualTo("10.20.255.1");
        assertThat(refusal(policy, "http://10.21.0.1/").reason()).isEqualTo(Reason.DESTINATION_NOT_ALLOWED);
        // images.internal has one address inside the range and one outside it.
        assertThat(refusal(policy, "http://images.internal/").getMessage()).contains("192.168.3.4");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            http://2130706433/                 | 127.0.0.1, a loopback address
            http://[::1]:8080/                 | ::1, the loopback address
            http://[::ffff:10.0.0.5]/          | 10.0.0.5, a private address
            http://[fd00::1]/                  | fd00::1, a unique-local address
            http://0.0.0.0:8080/               | 0.0.0.0, an unspecified
            http://[fe80::1]/                  | fe80::1, a link-local address
            """)
    void refusesNonPublicAddressesHoweverTheUrlWritesThem(String url, String refusedAs) {
        OutboundRefusedException refused = refusal(policy(), url);

        assertThat(refused.reason()).isEqualTo(Reason.DESTINATION_NOT_ALLOWED);
        assertThat(refused.getMessage()).startsWith("image_url points to " + refusedAs);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            '   '                           | INVALID_URL          | image_url is missing
            /relative/path.jpg              | INVALID_URL          | image_url is not an absolute URL (http:// or https://)
            http:///no-host                 | INVALID_URL          | image_url has no valid host name
            http://127.1/                   | INVALID_URL          | image_url has no valid host name
            http://images.example.com:0/    | INVALID_URL          | image_url names port 0, outside 1-65535
            http://images.example.com:70000/ | INVALID_URL         | image_url names port 70000, outside 1-65535
            http://bad host/                | INVALID_URL          | image_url is not a valid URL: Illegal character in authority
            file:///etc/passwd              | SCHEME_NOT_ALLOWED   | image_url uses the scheme 'file'; only http and https URLs are fetched
            HTTPS://user@images.example.com/ | USERINFO_NOT_ALLOWED | image_url carries user credentials before the host; send the URL without them
            http://a:b@c@images.example.com/ | USERINFO_NOT_ALLOWED | image_url carries user credentials before the host; send the URL without them
            """)
    void refusesUrlsThatAreNotPlainHttp(String url, Reason reason, String message) {
        OutboundRefusedException refused = refusal(policy("0.0.0.0/0"), url);

        assertThat(refused.reason()).isEqualTo(reason);
        assertThat(refused.getMessage()).isEqualTo(message);
        assertThat(refused.extensions()).containsEntry("field", "image_url");
        assertThat(refused.status()).isEqualTo(422);
    }

    @Test
    void givesUpOnASlowLookupWhenTheTimeIsUp() {
        DestinationPolicy policy = new DestinationPolicy(List.of(), host -> {
            LockSupport.parkNanos(Duration.ofSeconds(5).toNanos()); // a resolver stuck on an unanswering DNS server
            return new InetAddress[0];
        });

        long started = System.nanoTime();
        OutboundRefusedException refused = catchThrowableOfType(OutboundRefusedException.class,
                () -> policy.check(URI.create("http://slow.example.com/"), "image_url", Duration.ofMillis(300)));

        assertThat(refused.reason()).isEqualTo(Reason.TIMEOUT);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void rejectsAnAllowListEntryThatIsNeitherHostNorAddressNorRange() {
        assertThatThrownBy(() -> policy("images.internal", "10.0.0.0/33"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'10.0.0.0/33'");
        assertThatThrownBy(() -> policy("http://images.internal/"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'http://images.internal/'");
    }

    @Test
    void readsAddressesRangesAndNamesInTheAllowList() {
        DestinationPolicy policy = policy(" ", "[::1]", "fc00::/7", "images.internal.", "127.0.0.1");

        assertThat(policy.check(URI.create("http://[::1]/"), "image_url", TIME).hostHeader()).isEqualTo("[::1]");
        assertThat(policy.check(URI.create("http://[fd00::1]:8443/"), "image_url", TIME).hostHeader())
                .isEqualTo("[fd00::1]:8443");
        assertThat(policy.check(URI.create("http://IMAGES.internal/"), "image_url", TIME).host())
                .isEqualTo("IMAGES.internal");
        assertThat(refusal(policy, "http://127.0.0.2/").reason()).isEqualTo(Reason.DESTINATION_NOT_ALLOWED);
    }
}
