package io.verity.platform.tenancy;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "verity.api-keys")
public interface ApiKeysConfig {

    /** How long a checked key is trusted before it is read again; bounds how late a revocation takes effect elsewhere. */
    @WithDefault("30s")
    Duration cacheTtl();
}
