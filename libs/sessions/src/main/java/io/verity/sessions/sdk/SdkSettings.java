package io.verity.sessions.sdk;

import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SDK access rules (a config group each service maps under its own prefix, e.g. {@code verity.idv.sdk},
 * {@code verity.ida.sdk}); the service produces it as a bean for {@link RateLimiter}, {@link ClientAddresses} and
 * {@link SdkOrigins}.
 */
public interface SdkSettings {

    /** SDK calls one session may make per minute. */
    @WithDefault("60")
    int callsPerSessionPerMinute();

    /** SDK calls one IP address may make per minute. */
    @WithDefault("600")
    int callsPerIpPerMinute();

    /** Per client id: the browser origins allowed to make SDK calls; a client not listed is not restricted. */
    Map<String, List<String>> allowedOrigins();

    /** Proxies (addresses or CIDR ranges) whose X-Forwarded-For is believed. */
    Optional<List<String>> trustedProxies();
}
