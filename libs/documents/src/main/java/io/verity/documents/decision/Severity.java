package io.verity.documents.decision;

import java.util.Locale;

/** What a reason code asks of the customer, as Kairos names it. */
public enum Severity {
    /** The verification fails. */
    REJECT,
    /** A person should look at it before the customer relies on the verification. */
    REVIEW,
    /** Worth knowing; does not stop the verification. */
    WARNING;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
