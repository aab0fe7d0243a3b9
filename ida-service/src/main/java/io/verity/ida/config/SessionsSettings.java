package io.verity.ida.config;

import io.verity.sessions.blobs.StorageSettings;
import io.verity.sessions.images.ImageLimits;
import io.verity.sessions.liveness.LivenessSettings;
import io.verity.sessions.location.LocationSettings;
import io.verity.sessions.matcher.MatcherSettings;
import io.verity.sessions.sdk.SdkSettings;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;

/** libs/sessions' settings, as ida-service configures them ({@code verity.ida.*}), and the clock retention reads. */
@Dependent
public class SessionsSettings {

    @Produces
    SdkSettings sdk(IdaConfig config) {
        return config.sdk();
    }

    @Produces
    LivenessSettings liveness(IdaConfig config) {
        return config.liveness();
    }

    @Produces
    ImageLimits images(IdaConfig config) {
        return config.images();
    }

    @Produces
    MatcherSettings matcher(IdaConfig config) {
        return config.matcher();
    }

    @Produces
    StorageSettings storage(IdaConfig config) {
        return config.storage();
    }

    @Produces
    LocationSettings location(IdaConfig config) {
        return config.location();
    }
}
