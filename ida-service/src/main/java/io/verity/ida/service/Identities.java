package io.verity.ida.service;

import io.verity.platform.error.ProblemException;
import jakarta.persistence.EntityManager;
import java.util.UUID;

/** Identity ids as requests carry them, and the identity's erasure mark (a V8 column the shared entity does not map). */
public final class Identities {

    private Identities() {
    }

    /** A text id; not an id we could have issued is "no such identity" (404). */
    public static UUID parse(String value) {
        if (value == null || value.isBlank()) {
            throw ProblemException.invalidField("identity_id", "is required");
        }
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("identity " + value.strip());
        }
    }

    public static boolean biometricsErased(EntityManager em, UUID identityId) {
        return ((Number) em.createNativeQuery("SELECT count(*) FROM core.identities WHERE id = ?1 "
                + "AND biometrics_erased_at IS NOT NULL").setParameter(1, identityId).getSingleResult()).longValue() > 0;
    }
}
