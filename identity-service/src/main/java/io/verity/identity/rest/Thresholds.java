package io.verity.identity.rest;

import io.verity.platform.error.ProblemException;

/** A caller's similarity threshold, checked, or the default. */
final class Thresholds {

    private Thresholds() {
    }

    static float orDefault(Float requested, float fallback) {
        if (requested == null) {
            return fallback;
        }
        if (requested.isNaN() || requested < -1f || requested > 1f) {
            throw ProblemException.invalidField("threshold", "a cosine similarity between -1 and 1");
        }
        return requested;
    }
}
