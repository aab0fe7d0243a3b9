package io.verity.weights.service;

import io.quarkus.hibernate.orm.panache.Panache;
import io.verity.platform.error.ProblemException;
import io.verity.platform.tenancy.Client;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** What the weights and the requirements versions share. */
final class Versioning {

    /** Who wrote the recorded system defaults (column {@code created_by}). */
    static final String SYSTEM = "system";

    private Versioning() {
    }

    /** An administrator may name any client id, an unknown one included: that is a 404, not a foreign-key error. */
    static void requireClient(UUID clientId) {
        if (Client.findById(clientId) == null) {
            throw ProblemException.notFound("client " + clientId);
        }
    }

    /**
     * Serialises, until the transaction ends, the recording of system defaults under {@code key}, so that two first
     * reads of one client record one version, not two (the unique index would turn the second into an error).
     */
    static void serialise(String key) {
        Panache.getEntityManager()
                .createNativeQuery("SELECT 1 FROM pg_advisory_xact_lock(hashtextextended(?1, 0))")
                .setParameter(1, key)
                .getSingleResult();
    }

    /** Now, at PostgreSQL's precision, so that a version reads back exactly as it was answered when written. */
    static OffsetDateTime now(Clock clock) {
        return OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
    }
}
