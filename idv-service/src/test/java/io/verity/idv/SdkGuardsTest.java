package io.verity.idv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.verity.idv.config.IdvConfig;
import io.verity.sessions.sdk.SdkSettings;
import io.verity.sessions.sdk.ClientAddresses;
import io.verity.sessions.sdk.RateLimiter;
import io.verity.platform.error.ProblemException;
import org.junit.jupiter.api.Test;

/** Plain logic of SDK access: whose X-Forwarded-For is believed, and the per-session and per-IP limits. */
class SdkGuardsTest {

    private static SdkSettings config(String... keyValues) {
        SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder().withMapping(IdvConfig.class)
                // "5m", "1h" as Quarkus reads durations
                .withConverter(java.time.Duration.class, 100, new io.quarkus.runtime.configuration.DurationConverter());
        for (int i = 0; i < keyValues.length; i += 2) {
            builder.withDefaultValue(keyValues[i], keyValues[i + 1]);
        }
        SmallRyeConfig config = builder.build();
        return config.getConfigMapping(IdvConfig.class).sdk();
    }

    @Test
    void forwardedForIsBelievedOnlyFromTrustedProxies() {
        ClientAddresses addresses = new ClientAddresses(config("verity.idv.sdk.trusted-proxies", "10.0.0.0/8,192.0.2.1"));
        assertThat(addresses.resolve("10.1.2.3", "203.0.113.5")).isEqualTo("203.0.113.5");
        assertThat(addresses.resolve("10.1.2.3", "198.51.100.1, 203.0.113.5, 192.0.2.1")).isEqualTo("203.0.113.5");
        assertThat(addresses.resolve("198.51.100.7", "203.0.113.5")).isEqualTo("198.51.100.7");
        assertThat(addresses.resolve("10.1.2.3", "not-an-address")).isEqualTo("10.1.2.3");
        assertThat(addresses.resolve("10.1.2.3", "example.com")).isEqualTo("10.1.2.3");
        assertThat(new ClientAddresses(config()).resolve("10.1.2.3", "203.0.113.5")).isEqualTo("10.1.2.3");
        assertThatThrownBy(() -> new ClientAddresses(config("verity.idv.sdk.trusted-proxies", "proxy.internal")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void callsPerSessionAndPerIpAreLimited() {
        RateLimiter limiter = new RateLimiter(config("verity.idv.sdk.calls-per-session-per-minute", "3",
                "verity.idv.sdk.calls-per-ip-per-minute", "4"));
        for (int i = 0; i < 3; i++) {
            limiter.acquire("s1", "203.0.113.5");
        }
        assertThatThrownBy(() -> limiter.acquire("s1", "203.0.113.6"))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(429));
        limiter.acquire("s2", "203.0.113.5");
        assertThatThrownBy(() -> limiter.acquire("s3", "203.0.113.5"))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.code()).isEqualTo("rate_limited"));
    }
}
