package io.verity.idv.config;

import io.verity.sessions.blobs.StorageSettings;
import io.verity.sessions.images.ImageLimits;
import io.verity.sessions.liveness.LivenessSettings;
import io.verity.sessions.location.LocationSettings;
import io.verity.sessions.matcher.MatcherSettings;
import io.verity.sessions.sdk.SdkSettings;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;

/** libs/sessions' settings, as idv-service configures them ({@code verity.idv.*}). */
@Dependent
public class SessionsSettings {

    @Produces
    SdkSettings sdk(IdvConfig config) {
        return config.sdk();
    }

    @Produces
    LivenessSettings liveness(IdvConfig config) {
        return config.liveness();
    }

    @Produces
    ImageLimits images(IdvConfig config) {
        return config.images();
    }

    @Produces
    MatcherSettings matcher(IdvConfig config) {
        return config.matcher();
    }

    @Produces
    StorageSettings storage(IdvConfig config) {
        return config.storage();
    }

    @Produces
    LocationSettings location(IdvConfig config) {
        return config.location();
    }
}
