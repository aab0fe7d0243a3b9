package io.verity.idv.rest;

import io.verity.platform.error.ProblemException;
import java.util.UUID;

/** Ids as the requests carry them. */
final class Ids {

    private Ids() {
    }

    static UUID session(String value) {
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
