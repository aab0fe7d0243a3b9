package io.verity.identity.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Event identification's own settings (the matcher's are in {@link FaceConfig}). */
@ConfigMapping(prefix = "verity.identity")
public interface IdentityConfig {

    /** How long the gate photo of a matched identification is kept (Securegate's selfieImage), then deleted. */
    @WithDefault("24h")
    Duration captureRetention();

    /** How long a selfieImage link stays valid (it also needs the client's API key). */
    @WithDefault("5m")
    Duration captureUrlLifetime();

    /**
     * {@code all} (one process serves everything) or {@code matcher} (only the internal API; the GPU matcher
     * Deployment): {@link io.verity.identity.rest.MatcherRole}.
     */
    @WithDefault("all")
    String role();
}
