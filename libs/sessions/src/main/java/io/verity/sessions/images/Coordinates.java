package io.verity.sessions.images;

import io.verity.platform.error.ProblemException;

/** Device coordinates as the SDK sends them. */
public final class Coordinates {

    private Coordinates() {
    }

    public static void check(double latitude, double longitude) {
        if (Double.isNaN(latitude) || latitude < -90 || latitude > 90) {
            throw ProblemException.invalidField("latitude", "must be between -90 and 90");
        }
        if (Double.isNaN(longitude) || longitude < -180 || longitude > 180) {
            throw ProblemException.invalidField("longitude", "must be between -180 and 180");
        }
    }

    /** A coordinate sent as a form string (the image uploads). */
    public static double parse(String value, String field) {
        if (value == null || value.isBlank()) {
            throw ProblemException.invalidField(field, "is required");
        }
        try {
            return Double.parseDouble(value.strip());
        } catch (NumberFormatException e) {
            throw ProblemException.invalidField(field, "must be a number");
        }
    }
}
