package io.verity.platform.weights;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How {@link WeightsClient} reaches weights-service. The internal token is {@code verity.internal.token}. */
@ConfigMapping(prefix = "verity.weights")
public interface WeightsConfig {

    /** Base URL of weights-service. */
    @WithDefault("http://127.0.0.1:8084")
    String url();

    /**
     * How long a read is answered from the cache without asking weights-service; after that it is checked with a
     * conditional request. Bounds how late a change made elsewhere takes effect.
     */
    @WithDefault("10s")
    Duration cacheTtl();

    @WithDefault("1s")
    Duration connectTimeout();

    @WithDefault("3s")
    Duration readTimeout();

    /** Tries per read while weights-service cannot be reached or answers 502, 503 or 504 (at least 1). */
    @WithDefault("2")
    int attempts();
}
