package io.verity.sessions.sdk;

import io.verity.platform.error.ProblemException;
import java.util.UUID;

/** Ids as the requests carry them. */
public final class Ids {

    private Ids() {
    }

    public static UUID session(String value) {
        if (value == null || value.isBlank()) {
            throw ProblemException.invalidField("session_id", "is required");
        }
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            // not an id we could have issued: no such session
            throw ProblemException.notFound("session " + value.strip());
        }
    }
}
