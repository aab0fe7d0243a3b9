package io.verity.sessions.location;

import java.util.Optional;

/** Where bin/fetch-geo cached the DB-IP and GeoNames files (a config group each service maps). */
public interface LocationSettings {

    /** Default ~/.cache/verity/geo. */
    Optional<String> dataDir();
}
