package io.verity.ida.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.verity.sessions.blobs.StorageSettings;
import io.verity.sessions.images.ImageLimits;
import io.verity.sessions.liveness.LivenessSettings;
import io.verity.sessions.location.LocationSettings;
import io.verity.sessions.matcher.MatcherSettings;
import io.verity.sessions.sdk.SdkSettings;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * ida-service's settings; application.properties documents each section. The groups shared with idv-service are
 * libs/sessions' types, produced as beans by {@link SessionsSettings}.
 */
@ConfigMapping(prefix = "verity.ida")
public interface IdaConfig {

    /** How long a session stays open for the SDK after it was created. */
    @WithDefault("15m")
    Duration sessionTtl();

    /**
     * How the selfie is compared with an identity that has several verified templates: {@code best} (the most similar
     * template) or {@code aggregate} (the normalised mean of the templates). docs/adr/0016.
     */
    @WithDefault("best")
    String templateStrategy();

    /** Most templates an identity keeps: an authenticated selfie is enrolled as one more until there are this many. */
    @WithDefault("5")
    int maxTemplates();

    ImageLimits images();

    LivenessSettings liveness();

    SdkSettings sdk();

    MatcherSettings matcher();

    StorageSettings storage();

    LocationSettings location();

    Retention retention();

    interface Retention {
        /** Biometric data of a client's sessions and identities older than this is erased; none: kept. */
        Optional<Duration> defaultPeriod();

        /** Per client id: its own period (overrides the default). */
        Map<String, Duration> clients();

        /** How often the retention job runs. */
        @WithDefault("1h")
        String every();

        /** How long after start the first run waits. */
        @WithDefault("5m")
        String delayed();

        /** Most sessions or identities erased per client and run. */
        @WithDefault("500")
        int batch();
    }
}
