package io.verity.idv.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.verity.sessions.blobs.StorageSettings;
import io.verity.sessions.images.ImageLimits;
import io.verity.sessions.liveness.LivenessSettings;
import io.verity.sessions.location.LocationSettings;
import io.verity.sessions.matcher.MatcherSettings;
import io.verity.sessions.sdk.SdkSettings;
import java.time.Duration;

/**
 * idv-service's settings; application.properties documents each section. The groups shared with ida-service are
 * libs/sessions' types, produced as beans by {@link SessionsSettings}.
 */
@ConfigMapping(prefix = "verity.idv")
public interface IdvConfig {

    /** How long a session stays open for the SDK after it was created. */
    @WithDefault("1h")
    Duration sessionTtl();

    ImageLimits images();

    LivenessSettings liveness();

    SdkSettings sdk();

    MatcherSettings matcher();

    StorageSettings storage();

    LocationSettings location();
}
