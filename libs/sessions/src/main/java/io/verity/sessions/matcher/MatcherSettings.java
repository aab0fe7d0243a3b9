package io.verity.sessions.matcher;

import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Where the matcher (identity-service's internal face API) is (a config group each service maps). */
public interface MatcherSettings {

    /** identity-service, whose internal face API the service calls. */
    @WithDefault("http://127.0.0.1:8081")
    String url();

    @WithDefault("2s")
    Duration connectTimeout();

    @WithDefault("30s")
    Duration readTimeout();
}
