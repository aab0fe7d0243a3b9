package io.verity.idv.domain;

import java.util.Locale;

/** A session's lifecycle (docs/adr/0007-idv-session-lifecycle.md). Only {@link #IN_PROGRESS} accepts SDK changes. */
public enum SessionStatus {
    IN_PROGRESS,
    /** Finalized: the decision ({@code verified}) is made. */
    COMPLETE,
    /** Liveness failed too many times: the SDK can no longer change it; the backend may create a new session. */
    TEMPORARILY_BLOCKED,
    /** Reserved for decisions awaiting an asynchronous check (document reading, DMV); not set yet. */
    TEMPORARILY_COMPLETE,
    /** Not finalized within verity.idv.session-ttl. */
    EXPIRED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SessionStatus of(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }
}
