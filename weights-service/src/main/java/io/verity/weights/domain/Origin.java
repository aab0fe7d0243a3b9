package io.verity.weights.domain;

/** Where a version came from (column {@code origin}). */
public final class Origin {

    /** Written by a client or an administrator through the API. */
    public static final String UPDATE = "update";
    /** The system defaults, recorded for a client the first time they were served to it. */
    public static final String SYSTEM_DEFAULT = "system_default";

    private Origin() {
    }
}
