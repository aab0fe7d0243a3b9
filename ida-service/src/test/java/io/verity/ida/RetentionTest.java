package io.verity.ida;

import static io.verity.ida.Ida.backend;
import static io.verity.ida.Ida.face;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.verity.testsupport.TestTenants;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Retention runs on its schedule (every second in the tests) with the period of the test profile (30 days): with
 * the clock moved 31 days ahead, the biometric data of the identity and of its sessions is erased; the identity's
 * record stays, can no longer authenticate, and says so to the SDK.
 */
@QuarkusTest
class RetentionTest {

    @Inject
    TestTenants tenants;

    @Inject
    TestClock clock;

    @Inject
    EntityManager entityManager;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void biometricDataOlderThanTheClientsPeriodIsErasedOnSchedule() throws Exception {
        TestTenants.Tenant tenant = tenants.create("ida-retention");
        String identity = Ida.verify(tenant, face("alex-lacamoire/alex-lacamoire-1.jpg"),
                face("alex-lacamoire/alex-lacamoire-2.jpg"), Map.of());
        Ida.authenticate(tenant, identity, face("alex-lacamoire/alex-lacamoire-3.png")).statusCode(200)
                .body("authenticated", equalTo(true));
        UUID id = UUID.fromString(identity);
        Thread.sleep(2500); // a few scheduled runs at today's time: nothing is due
        assertThat(count("SELECT count(*) FROM core.identities WHERE id = ?1 AND biometrics_erased_at IS NULL", id)).isOne();
        assertThat(count("SELECT count(*) FROM idv.session_files f JOIN idv.sessions s ON s.id = f.session_id WHERE s.identity_id = ?1", id)).isPositive();

        clock.advance(Duration.ofDays(31));
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (count("SELECT count(*) FROM core.identities WHERE id = ?1 AND biometrics_erased_at IS NOT NULL", id) == 0
                && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
        }
        assertThat(count("SELECT count(*) FROM core.identities WHERE id = ?1 AND biometrics_erased_at IS NOT NULL", id)).isOne();
        // sessions are swept right after the identities in the same run
        while (count("SELECT count(*) FROM ida.sessions WHERE identity_id = ?1 AND biometrics_erased_at IS NULL", id) > 0
                && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
        }
        assertThat(count("SELECT count(*) FROM identity.templates WHERE subject_id = CAST(?1 AS text) AND "
                + "(deleted_at IS NULL OR embedding_enc IS NOT NULL)", id)).isZero();
        assertThat(count("SELECT count(*) FROM idv.session_files f JOIN idv.sessions s ON s.id = f.session_id WHERE s.identity_id = ?1", id)).isZero();
        assertThat(count("SELECT count(*) FROM ida.session_files f JOIN ida.sessions s ON s.id = f.session_id WHERE s.identity_id = ?1", id)).isZero();
        assertThat(count("SELECT count(*) FROM idv.sessions WHERE identity_id = ?1 AND (liveness_facts IS NOT NULL "
                + "OR biometrics_erased_at IS NULL)", id)).isZero();
        assertThat(count("SELECT count(*) FROM ida.sessions WHERE identity_id = ?1 AND (match_facts IS NOT NULL "
                + "OR biometrics_erased_at IS NULL)", id)).isZero();
        assertThat(causes(id)).containsExactly("retention");

        backend(tenant, "identities/sdk/status", Map.of("identity_id", identity)).statusCode(200).body("verified", equalTo(false));
        Ida.create(tenant, identity, Map.of()).statusCode(409).body("code", equalTo("identity_erased"));
        backend(tenant, "identities/image/read", Map.of("identity_id", identity, "storage_file_type_e", "selfie")).statusCode(404);
    }

    @Transactional
    long count(String sql, UUID id) {
        return ((Number) entityManager.createNativeQuery(sql).setParameter(1, id).getSingleResult()).longValue();
    }

    @Transactional
    @SuppressWarnings("unchecked")
    List<String> causes(UUID id) {
        return entityManager.createNativeQuery("SELECT cause FROM core.erasures WHERE subject_id = ?1").setParameter(1, id)
                .getResultList();
    }
}
