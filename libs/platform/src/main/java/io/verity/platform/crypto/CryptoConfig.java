package io.verity.platform.crypto;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

@ConfigMapping(prefix = "verity.crypto")
public interface CryptoConfig {

    /**
     * Base64 of the 32-byte master key ({@code VERITY_MASTER_KEY}, from a Kubernetes Secret) that wraps every client's
     * data key. Services that store biometric data refuse to start without it.
     */
    Optional<String> masterKey();
}
