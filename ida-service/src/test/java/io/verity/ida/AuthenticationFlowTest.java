package io.verity.ida;

import static io.restassured.RestAssured.given;
import static io.verity.ida.Ida.backend;
import static io.verity.ida.Ida.data;
import static io.verity.ida.Ida.face;
import static io.verity.ida.Ida.finalizeSession;
import static io.verity.ida.Ida.generate;
import static io.verity.ida.Ida.process;
import static io.verity.ida.Ida.sdk;
import static io.verity.ida.Ida.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.verity.testsupport.TestTenants;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Over HTTP with real photos, the real matcher, weights-service and idv-service: Obama is verified through IDV, then
 * authenticates with another photo of himself (authenticated), Biden tries with his own face (refused: face_mismatch),
 * and a printed photo is refused by liveness.
 */
@QuarkusTest
class AuthenticationFlowTest {

    @Inject
    TestTenants tenants;

    @Inject
    EntityManager entityManager;

    TestTenants.Tenant tenant;
    String identity;

    @BeforeEach
    void verifiedThroughIdv() {
        tenant = tenants.create("ida-flow");
        identity = Ida.verify(tenant, face("obama/obama-3.jpg"), face("obama/obama-1.jpg"), Map.of("user_id", "u-obama"));
    }

    @Test
    void theSamePersonIsAuthenticatedAnotherIsRefusedWithTheReasonAndASpoofByLiveness() {
        // the same person, another photo
        String same = session(tenant, identity);
        sdk(tenant, "sessions/read", Map.of("session_id", same)).statusCode(200)
                .body("identity_id", equalTo(identity)).body("status_e", equalTo("in_progress"))
                .body("liveness_provider_e", equalTo("verity"));
        generate(tenant, same).statusCode(200).body("token", notNullValue());
        process(tenant, same, face("obama/obama-2.jpg")).statusCode(200).body("liveness_detected", equalTo(true));
        finalizeSession(tenant, same).statusCode(200).body("authenticated", equalTo(true))
                .body("authentication_reason", nullValue());
        backend(tenant, "ida/sessions/read", Map.of("session_id", same)).statusCode(200)
                .body("authenticated", equalTo(true)).body("status_e", equalTo("complete"))
                .body("user_id", equalTo("u-obama")).body("identity_id", equalTo(identity))
                .body("selfie_given", equalTo(true)).body("liveness_detected", equalTo(true))
                .body("idv_weights_id", notNullValue())
                .body("history.event", equalTo(List.of("created", "liveness_session_generated", "liveness_passed", "authenticated")));
        backend(tenant, "ida/sessions/location/read", Map.of("session_id", same, "location_capture_type_e", "selfie_image_capture"))
                .statusCode(200).body("device_latitude", equalTo(40.7128f)).body("ip_address", notNullValue());
        assertThat(completedEvent(same)).contains("\"authenticated\": true");

        // another person
        String other = session(tenant, identity);
        generate(tenant, other).statusCode(200);
        process(tenant, other, face("biden/biden-1.jpg")).statusCode(200).body("liveness_detected", equalTo(true));
        finalizeSession(tenant, other).statusCode(200).body("authenticated", equalTo(false))
                .body("authentication_reason", equalTo("face_mismatch"));
        backend(tenant, "ida/sessions/read", Map.of("session_id", other)).statusCode(200)
                .body("authenticated", equalTo(false)).body("authentication_reason", equalTo("face_mismatch"));
        assertThat(completedEvent(other)).contains("\"authenticated\": false").contains("face_mismatch");

        // a printed photo held to the camera
        String spoof = session(tenant, identity);
        generate(tenant, spoof).statusCode(200);
        process(tenant, spoof, data("liveness/spoof-printed-photo.jpg")).statusCode(200).body("liveness_detected", equalTo(false));
        finalizeSession(tenant, spoof).statusCode(200).body("authenticated", equalTo(false))
                .body("authentication_reason", equalTo("liveness_failed"));

        // the list and its filters
        backend(tenant, "ida/sessions/list", Map.of("identity_id", identity, "take", 10)).statusCode(200)
                .body("meta_counts.total", equalTo(3)).body("sessions.size()", equalTo(3));
        backend(tenant, "ida/sessions/list", Map.of("verified", true)).statusCode(200)
                .body("meta_counts.total", equalTo(1)).body("sessions[0].session_id", equalTo(same));
        backend(tenant, "ida/sessions/list", Map.of("search_term", other.substring(0, 8))).statusCode(200)
                .body("sessions.session_id", hasItem(other));
    }

    @Test
    void sdkRulesAreIdvs() {
        String s = session(tenant, identity);
        // finalize before liveness: refused, recorded in the history
        finalizeSession(tenant, s).statusCode(409).body("code", equalTo("liveness_required"));
        process(tenant, s, face("obama/obama-2.jpg")).statusCode(409).body("code", equalTo("liveness_session_required"));
        // another client's X-Client-Id: no such session
        TestTenants.Tenant stranger = tenants.create("ida-stranger");
        sdk(stranger, "sessions/read", Map.of("session_id", s)).statusCode(404);
        given().contentType(ContentType.JSON).body(Map.of("session_id", s)).post("/ida/sdk/sessions/read").then()
                .statusCode(400).body("code", equalTo("client_id_required"));
        // another client's identity
        Ida.create(stranger, identity, Map.of()).statusCode(404);
        Ida.create(tenant, UUID.randomUUID().toString(), Map.of()).statusCode(404);
        Ida.create(tenant, identity, Map.of("liveness_mode", "blink")).statusCode(400);
        Ida.create(tenant, identity, Map.of("webhook_url", "http://10.0.0.1/hook")).statusCode(422)
                .body("field", equalTo("webhook_url"));
        sdk(tenant, "metadata", Map.of("session_id", s, "sdk_metadata", Map.of("device", "iPhone 15"))).statusCode(200);
        backend(tenant, "ida/sessions/read", Map.of("session_id", s)).statusCode(200)
                .body("history.find { it.event == 'finalization' }.outcome", equalTo("refused"))
                .body("history.find { it.event == 'finalization' }.detail", equalTo("liveness_required"));
        // passive_active: IDV's challenge, the frames' count enforced
        String active = Ida.create(tenant, identity, Map.of("liveness_mode", "passive_active")).statusCode(200)
                .extract().path("session_id");
        List<String> challenge = generate(tenant, active).statusCode(200).extract().path("challenge");
        assertThat(challenge).containsExactlyInAnyOrder("turn_left", "turn_right");
        process(tenant, active, face("obama/obama-2.jpg")).statusCode(400);
    }

    @Test
    void identitiesReadAsIdvStoredThem() {
        backend(tenant, "identities/list", Map.of("metadata", Map.of("user_id", "u-obama"))).statusCode(200)
                .body("meta_counts.total", equalTo(1)).body("identities[0].identity_id", equalTo(identity))
                .body("identities[0].verified", equalTo(true)).body("identities[0].document_front_given", equalTo(true))
                .body("identities[0].liveness_detected", equalTo(true)).body("identities[0].identity_score", notNullValue());
        backend(tenant, "identities/list", Map.of("search_term", identity.substring(0, 8), "start_date", "2020-01-01"))
                .statusCode(200).body("identities.identity_id", hasItem(identity));
        backend(tenant, "identities/list", Map.of("end_date", "2020-01-01")).statusCode(200).body("meta_counts.total", equalTo(0));
        backend(tenant, "identities/read", Map.of("identity_ids", List.of(identity))).statusCode(200)
                .body("identities[0].identity_id", equalTo(identity)).body("identity_id", equalTo(identity))
                .body("verified", equalTo(true));
        backend(tenant, "identities/sdk/status", Map.of("identity_id", identity)).statusCode(200).body("verified", equalTo(true));
        backend(tenant, "identities/document/read", Map.of("identity_id", identity, "document_type_e", "driver_license"))
                .statusCode(200).body("document_type_e", equalTo("driver_license"));
        backend(tenant, "identities/document/read", Map.of("identity_id", identity, "document_type_e", "passport"))
                .statusCode(404);
        // the selfie IDV stored, decrypted: byte for byte the frame the SDK sent
        byte[] selfie = given().header("x-api-key", tenant.apiKey()).contentType(ContentType.JSON)
                .body(Map.of("identity_id", identity, "storage_file_type_e", "selfie")).post("/identities/image/read")
                .then().statusCode(200).contentType("image/jpeg").header("Cache-Control", "no-store")
                .extract().asByteArray();
        assertThat(selfie).isEqualTo(face("obama/obama-1.jpg"));
        backend(tenant, "identities/image/read", Map.of("identity_id", identity, "storage_file_type_e", "passport_front"))
                .statusCode(404);
        backend(tenant, "identities/image/read", Map.of("identity_id", identity, "storage_file_type_e", "x")).statusCode(400);
        // owner only
        TestTenants.Tenant stranger = tenants.create("ida-stranger");
        backend(stranger, "identities/image/read", Map.of("identity_id", identity, "storage_file_type_e", "selfie")).statusCode(404);
        backend(stranger, "identities/read", Map.of("identity_id", identity)).statusCode(404);
        // every read audited: who, when, which record
        assertThat(reads(identity)).containsExactlyInAnyOrder("readCompletedIdentityDocument", "readIdentityImage selfie");
    }

    @Transactional
    String completedEvent(String session) {
        return (String) entityManager.createNativeQuery("SELECT CAST(payload AS text) FROM core.outbox WHERE "
                + "event_type = 'ida.session.completed' AND aggregate_id = ?1").setParameter(1, session).getSingleResult();
    }

    @Transactional
    @SuppressWarnings("unchecked")
    List<String> reads(String identityId) {
        return ((List<Object[]>) entityManager.createNativeQuery("SELECT r.operation, r.file_type, r.actor FROM core.biometric_reads r "
                        + "WHERE r.client_id = ?1 ORDER BY r.id").setParameter(1, tenant.clientId()).getResultList())
                .stream().peek(r -> assertThat((String) r[2]).startsWith("api_key:"))
                .map(r -> r[1] == null ? (String) r[0] : r[0] + " " + r[1]).toList();
    }
}
