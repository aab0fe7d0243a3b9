package io.verity.documents.decision;

/**
 * One check's outcome as the decision reads it. idv-service's check results and the document checks of this module
 * both implement it, so that one scoring step ({@link Decider}) decides them all.
 */
public interface Outcome {

    String name();

    /** Null when the check was not performed. */
    Boolean passed();

    /** Whether a failure fails the session (a gate, or a check the session's {@code *_fail} setting makes one). */
    boolean failsSession();

    /** The check's weight in the score. */
    double weight();

    /** What was measured, or null. */
    Double value();

    /** The limit it was held against, or null. */
    Double threshold();

    /** Why it failed (or was not performed), in words a customer may read. */
    String reason();

    /** The reason code of a failure; null to take the one {@link ReasonCode#forCheck} gives the check's name. */
    default String code() {
        return null;
    }

    /** How sure the check is of its failure, 0–1; 1 for exact checks (a date, a check digit). */
    default double confidence() {
        return 1;
    }
}
