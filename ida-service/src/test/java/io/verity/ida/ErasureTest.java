package io.verity.ida;

import static io.restassured.RestAssured.given;
import static io.verity.ida.Ida.backend;
import static io.verity.ida.Ida.face;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.verity.testsupport.TestTenants;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Deleting an identity leaves no template, image, document or searchable trace: the database is checked table by
 * table, and both matcher replicas are searched with the person's face.
 */
@QuarkusTest
class ErasureTest {

    @Inject
    TestTenants tenants;

    @Inject
    EntityManager entityManager;

    @Test
    void anErasedIdentityLeavesNoTemplateImageDocumentOrSearchableTrace() throws Exception {
        TestTenants.Tenant tenant = tenants.create("ida-erasure");
        String identity = Ida.verify(tenant, face("kit-harington/kit-harington-1.jpg"),
                face("kit-harington/kit-harington-2.jpg"), Map.of("user_id", "u-kit"));
        Ida.authenticate(tenant, identity, face("kit-harington/kit-harington-3.jpg")).statusCode(200)
                .body("authenticated", equalTo(true));
        // an event attendee registered from the identity: a copy of its template in the event's gallery
        String event = given().baseUri(SuiteResource.matcherUrl).header("x-api-key", tenant.apiKey())
                .contentType(ContentType.JSON).body(Map.of("name", "premiere")).post("/events").then().statusCode(201)
                .extract().path("id");
        String attendee = given().baseUri(SuiteResource.matcherUrl).header("x-api-key", tenant.apiKey())
                .contentType(ContentType.JSON).body(Map.of("identity_id", identity, "name", "Kit"))
                .post("/events/" + event + "/attendees").then().statusCode(201).extract().path("id");
        byte[] probe = face("kit-harington/kit-harington-3.jpg");
        // before: both replicas find him in both galleries (so that the checks below can fail)
        for (String replica : List.of(SuiteResource.matcherUrl, SuiteResource.secondReplicaUrl)) {
            awaitSearch(replica, tenant, "verified-identities", probe, identity, true);
            awaitSearch(replica, tenant, "event:" + event, probe, attendee, true);
        }
        UUID id = UUID.fromString(identity);
        List<String> blobKeys = blobKeys(id);
        assertThat(blobKeys).isNotEmpty();
        assertThat(count("SELECT count(*) FROM identity.templates WHERE subject_id IN (?1, ?2) AND deleted_at IS NULL",
                identity, attendee)).isGreaterThanOrEqualTo(2);
        assertThat(count("SELECT count(*) FROM idv.document_hashes WHERE client_id = CAST(?1 AS uuid)", tenant.clientId().toString(), null)).isPositive();

        given().header("x-api-key", tenants.create("ida-stranger").apiKey()).delete("/identities/" + identity)
                .then().statusCode(404);
        given().header("x-api-key", tenant.apiKey()).delete("/identities/" + identity).then().statusCode(200)
                .body("identity_id", equalTo(identity)).body("counts.templates", org.hamcrest.Matchers.greaterThanOrEqualTo(2));

        // the database: no live template, no ciphertext left in tombstones, no image, no document, no biometric facts
        assertThat(count("SELECT count(*) FROM identity.templates WHERE subject_id IN (?1, ?2) AND "
                + "(deleted_at IS NULL OR embedding_enc IS NOT NULL)", identity, attendee)).isZero();
        assertThat(count("SELECT count(*) FROM core.blobs WHERE key = ANY(CAST(?1 AS text[]))", blobKeys.toArray(String[]::new), null)).isZero();
        assertThat(count("SELECT count(*) FROM idv.session_files f JOIN idv.sessions s ON s.id = f.session_id "
                + "WHERE s.client_id = CAST(?1 AS uuid)", tenant.clientId().toString(), null)).isZero();
        assertThat(count("SELECT count(*) FROM ida.session_files WHERE client_id = CAST(?1 AS uuid)", tenant.clientId().toString(), null)).isZero();
        assertThat(count("SELECT count(*) FROM idv.documents WHERE client_id = CAST(?1 AS uuid)", tenant.clientId().toString(), null)).isZero();
        assertThat(count("SELECT count(*) FROM idv.document_hashes WHERE client_id = CAST(?1 AS uuid)", tenant.clientId().toString(), null)).isZero();
        assertThat(count("SELECT count(*) FROM idv.sessions WHERE client_id = CAST(?1 AS uuid) AND (liveness_facts IS NOT NULL "
                + "OR test_results IS NOT NULL OR identity_id IS NOT NULL)", tenant.clientId().toString(), null)).isZero();
        assertThat(count("SELECT count(*) FROM ida.sessions WHERE client_id = CAST(?1 AS uuid) AND (liveness_facts IS NOT NULL "
                + "OR match_facts IS NOT NULL OR identity_id IS NOT NULL)", tenant.clientId().toString(), null)).isZero();
        assertThat(count("SELECT count(*) FROM core.identities WHERE id = CAST(?1 AS uuid)", identity, null)).isZero();
        assertThat(count("SELECT count(*) FROM identity.captures WHERE client_id = CAST(?1 AS uuid)", tenant.clientId().toString(), null)).isZero();
        // the audit record: ids and counts only
        String erasure = text("SELECT subject_type || ' ' || cause || ' ' || actor || ' ' || CAST(counts AS text) "
                + "FROM core.erasures WHERE subject_id = CAST(?1 AS uuid)", identity);
        assertThat(erasure).startsWith("identity request api_key:").contains("\"templates\"").doesNotContain("embedding");

        // every replica: nobody found any more, in either gallery
        for (String replica : List.of(SuiteResource.matcherUrl, SuiteResource.secondReplicaUrl)) {
            awaitSearch(replica, tenant, "verified-identities", probe, identity, false);
            awaitSearch(replica, tenant, "event:" + event, probe, attendee, false);
        }
        backend(tenant, "identities/read", Map.of("identity_id", identity)).statusCode(404);
        Ida.create(tenant, identity, Map.of()).statusCode(404);
    }

    /** Waits (replicas sync every 2 s) until the search of {@code gallery} finds {@code subject} or not. */
    static void awaitSearch(String replica, TestTenants.Tenant tenant, String gallery, byte[] probe, String subject,
            boolean found) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        List<String> subjects;
        do {
            subjects = given().baseUri(replica).header("x-internal-token", SuiteResource.INTERNAL_TOKEN)
                    .header("x-verity-client-id", tenant.clientId().toString()).contentType(ContentType.JSON)
                    .body(Map.of("image", Ida.b64(probe), "k", 10, "threshold", 0.3))
                    .post("/internal/v1/galleries/" + gallery + "/search").then().statusCode(200)
                    .extract().path("results.subject_id");
            if (subjects.contains(subject) == found) {
                return;
            }
            Thread.sleep(500);
        } while (Instant.now().isBefore(deadline));
        assertThat(subjects).as(replica + " " + gallery).matches(s -> s.contains(subject) == found);
    }

    @Transactional
    @SuppressWarnings("unchecked")
    List<String> blobKeys(UUID identity) {
        return entityManager.createNativeQuery("SELECT f.blob_key FROM idv.session_files f JOIN idv.sessions s ON s.id = f.session_id "
                + "WHERE s.identity_id = ?1 UNION ALL SELECT f.blob_key FROM ida.session_files f JOIN ida.sessions s "
                + "ON s.id = f.session_id WHERE s.identity_id = ?1").setParameter(1, identity).getResultList();
    }

    @Transactional
    long count(String sql, Object a, Object b) {
        var q = entityManager.createNativeQuery(sql).setParameter(1, a);
        if (b != null) {
            q.setParameter(2, b);
        }
        return ((Number) q.getSingleResult()).longValue();
    }

    @Transactional
    String text(String sql, Object a) {
        return (String) entityManager.createNativeQuery(sql).setParameter(1, a).getSingleResult();
    }
}
