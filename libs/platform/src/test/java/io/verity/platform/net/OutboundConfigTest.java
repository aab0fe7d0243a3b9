package io.verity.platform.net;

import static io.verity.platform.net.OutboundTesting.config;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The defaults that the README documents, and the allow-list as an operator writes it in one variable. */
class OutboundConfigTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        OutboundConfig defaults = config();

        assertThat(defaults.allowList()).isEmpty();
        assertThat(defaults.maxRedirects()).isEqualTo(3);
        assertThat(defaults.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(defaults.timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(defaults.maxBodyBytes()).isEqualTo(10 * 1024 * 1024);
        assertThat(defaults.maxPostResponseBytes()).isEqualTo(16 * 1024);
    }

    @Test
    void readsACommaSeparatedAllowList() {
        OutboundConfig configured = config("allow-list=images.internal,10.20.0.0/16,fd00::/8", "timeout=2500ms");

        assertThat(configured.allowList()).contains(List.of("images.internal", "10.20.0.0/16", "fd00::/8"));
        assertThat(configured.timeout()).isEqualTo(Duration.ofMillis(2500));
    }
}
