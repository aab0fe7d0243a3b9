package io.verity.webhook.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SignaturesTest {

    // The Standard Webhooks specification's example (also what the npm reference library signs for it).
    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    @Test
    void signsTheSpecificationsExample() {
        assertThat(Signatures.sign(Signatures.key(SECRET), "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330L,
                "{\"test\": 2432232314}")).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void aRotationSignsWithBothKeysNewestFirst() {
        String other = Signatures.newSecret();
        String header = Signatures.header(List.of(Signatures.key(other), Signatures.key(SECRET)), "msg_1", 1L, "{}");
        assertThat(header.split(" ")).containsExactly(Signatures.sign(Signatures.key(other), "msg_1", 1L, "{}"),
                Signatures.sign(Signatures.key(SECRET), "msg_1", 1L, "{}"));
    }

    @Test
    void newSecretsCarry32RandomBytes() {
        String secret = Signatures.newSecret();
        assertThat(secret).startsWith("whsec_");
        assertThat(Signatures.key(secret)).hasSize(32);
        assertThat(Signatures.newSecret()).isNotEqualTo(secret);
    }
}
