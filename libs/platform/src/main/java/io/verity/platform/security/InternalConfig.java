package io.verity.platform.security;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

@ConfigMapping(prefix = "verity.internal")
public interface InternalConfig {

    /** Shared secret of the services ({@code VERITY_INTERNAL_TOKEN}); without it no internal call is accepted. */
    Optional<String> token();
}
