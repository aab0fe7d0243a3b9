package io.verity.weights.console;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Where the admin console finds the services whose APIs its pages call (never their databases). */
@ConfigMapping(prefix = "verity.console")
public interface ConsoleConfig {

    /** idv-service: sessions, their documents, images and review decisions. */
    @WithDefault("http://127.0.0.1:8082")
    String idvUrl();

    /** How long one API call of a page may take. */
    @WithDefault("20s")
    Duration timeout();
}
