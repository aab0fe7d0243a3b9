package io.verity.idv;

import static io.restassured.RestAssured.given;
import static io.verity.idv.Idv.backend;
import static io.verity.idv.Idv.consent;
import static io.verity.idv.Idv.createSession;
import static io.verity.idv.Idv.data;
import static io.verity.idv.Idv.documentType;
import static io.verity.idv.Idv.face;
import static io.verity.idv.Idv.finalizeSession;
import static io.verity.idv.Idv.generate;
import static io.verity.idv.Idv.image;
import static io.verity.idv.Idv.passport;
import static io.verity.idv.Idv.passportSession;
import static io.verity.idv.Idv.process;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.verity.testsupport.TestTenants;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The whole flow over HTTP with real photos, the real matcher and the real weights-service: the documents are drawn
 * ({@link Documents}) with a photo of the person as the portrait and read by the real reader.
 */
@QuarkusTest
class SessionFlowTest {

    @Inject
    TestTenants tenants;

    @Inject
    EntityManager entityManager;

    @Test
    void aSessionWithHeadTurnsIsVerifiedFoundBySearchByFaceAndASecondOnboardingIsADuplicate() {
        TestTenants.Tenant tenant = tenants.create("flow");
        String session = createSession(tenant, "passive_active", Map.of("metadata", Map.of("user_id", "u-1001")));
        consent(tenant, session).statusCode(200).body("status_e", equalTo("in_progress"));
        documentType(tenant, session, "driver_license").statusCode(200);
        var barack = Documents.holder("D4444444", "BARACK", "OBAMA", LocalDate.of(1961, 8, 4), LocalDate.now().plusYears(4),
                "1600 PENNSYLVANIA AVE");
        long seed = System.nanoTime();
        image(tenant, "front", session, Documents.licenceFront(barack, face("obama/obama-3.jpg"), seed, null)).statusCode(200);
        image(tenant, "back", session, Documents.licenceBack(barack, seed)).statusCode(200);
        List<String> challenge = generate(tenant, session);
        assertThat(challenge).hasSize(2).containsExactlyInAnyOrder("turn_left", "turn_right");
        List<byte[]> frames = new ArrayList<>();
        frames.add(face("obama/obama-1.jpg")); // straight ahead (yaw -3)
        for (String step : challenge) {
            frames.add(face(step.equals("turn_left") ? "obama/obama-4.jpg" : "obama/obama-2.jpg")); // yaw -19 / +17
        }
        process(tenant, session, frames).statusCode(200).body("liveness_detected", equalTo(true));
        finalizeSession(tenant, session).statusCode(200).body("verified", equalTo(true)).body("on_sanction_list", nullValue());

        String identityId = backend(tenant, "sessions/read", Map.of("session_id", session)).statusCode(200)
                .body("status_e", equalTo("complete"))
                .body("verified", equalTo(true))
                .body("user_id", equalTo("u-1001"))
                .body("idv_weights_id", notNullValue())
                .body("requirements_id", notNullValue())
                .body("consented", equalTo(true))
                .body("document_front_given", equalTo(true))
                .body("document_back_given", equalTo(true))
                .body("liveness_detected", equalTo(true))
                .body("selfie_given", equalTo(true))
                .body("history.event", hasItems("created", "consented", "document_type_updated", "document_front_added",
                        "document_back_added", "liveness_session_generated", "liveness_passed", "finalized"))
                .body("history.outcome", everyItem(equalTo("accepted")))
                .extract().path("identity_id");
        assertThat(identityId).isNotNull();

        backend(tenant, "sessions/tests/read", Map.of("session_id", session)).statusCode(200)
                .body("doc_front_image_manipulation", nullValue())
                .body("dmv_document_number_match", nullValue())
                .body("name_crosscheck", equalTo(true))
                .body("checks.find { it.name == 'document_read' }.passed", equalTo(true))
                .body("checks.find { it.name == 'face_match' }.passed", equalTo(true))
                .body("checks.find { it.name == 'face_match' }.value", greaterThan(0.5f))
                .body("checks.find { it.name == 'liveness' }.passed", equalTo(true))
                .body("checks.find { it.name == 'duplicate_face' }.passed", equalTo(true))
                .body("failed_checks.size()", equalTo(0))
                .body("liveness_frames.size()", equalTo(3));

        // the verified identity is found by search-by-face (identity-service's Faceki endpoint, same API key)
        given().header("x-api-key", tenant.apiKey()).multiPart("selfie", "selfie.jpg", face("obama/obama-partial-1.jpg"))
                .post(SuiteResource.matcherUrl + "/api/v3/kyc_verification/search-by-face").then().statusCode(200)
                .body("result[0].record_identifier", equalTo(identityId));

        // the selfie is downloadable, decrypted, by its owner
        byte[] selfie = given().header("x-api-key", tenant.apiKey()).contentType("application/json")
                .body(Map.of("session_id", session, "storage_file_type_e", "selfie"))
                .post("/v1/documents/download").then().statusCode(200).contentType("image/jpeg")
                .extract().asByteArray();
        assertThat(selfie).isEqualTo(face("obama/obama-1.jpg"));
        assertThat(reads(tenant.clientId())).contains("documentDownload selfie"); // audited: who, when, which image

        // every status change is in the outbox
        assertThat(events(UUID.fromString(session))).containsExactly("idv.session.status_changed",
                "idv.session.status_changed", "idv.session.completed");
        assertThat(identityEvents(UUID.fromString(identityId))).containsExactly("identity.verified");

        // the same face onboards again: flagged as a duplicate of the first identity, not verified
        String second = passportSession(tenant, "passive", passport("obama/obama-2.jpg"));
        generate(tenant, second);
        process(tenant, second, List.of(face("obama/obama-4.jpg"))).statusCode(200).body("liveness_detected", equalTo(true));
        finalizeSession(tenant, second).statusCode(200).body("verified", equalTo(false));
        backend(tenant, "sessions/read", Map.of("session_id", second)).statusCode(200)
                .body("duplicate_identity_id", equalTo(identityId))
                .body("identity_id", nullValue());
        backend(tenant, "sessions/tests/read", Map.of("session_id", second)).statusCode(200)
                .body("failed_checks", equalTo(List.of("duplicate_face")))
                .body("checks.find { it.name == 'duplicate_face' }.reference", equalTo(identityId));
    }

    @Test
    void aSelfieOfAnotherPersonIsNotVerifiedAndTheTestsSayWhy() {
        TestTenants.Tenant tenant = tenants.create("other-person");
        String session = passportSession(tenant, "passive", passport("obama/obama-1.jpg"));
        generate(tenant, session);
        process(tenant, session, List.of(face("biden/biden-1.jpg"))).statusCode(200).body("liveness_detected", equalTo(true));
        finalizeSession(tenant, session).statusCode(200).body("verified", equalTo(false));
        backend(tenant, "sessions/tests/read", Map.of("session_id", session)).statusCode(200)
                .body("failed_checks", equalTo(List.of("face_match")))
                .body("checks.find { it.name == 'face_match' }.reason", equalTo("the selfie does not match the document portrait"))
                .body("checks.find { it.name == 'face_match' }.threshold", notNullValue());
        backend(tenant, "sessions/read", Map.of("session_id", session)).statusCode(200)
                .body("status_e", equalTo("complete")).body("verified", equalTo(false)).body("identity_id", nullValue());
    }

    @Test
    void aSelfieThatCouldNotBeEnrolledFailsLivenessWhileTheUserCanTakeAnother() {
        TestTenants.Tenant tenant = tenants.create("unenrollable-selfie");
        String session = passportSession(tenant, "passive", passport("obama/obama-1.jpg"));
        generate(tenant, session);
        // a face turned about 35 degrees away (faces-calibration, measured by the pose model): finalization would not
        // enrol it, so liveness says so now instead of finalization failing later
        byte[] turned = data("faces-calibration/cf-e2e-person-h/cf-e2e-person-h-1.jpg");
        process(tenant, session, List.of(turned)).statusCode(200).body("liveness_detected", equalTo(false));
        backend(tenant, "sessions/read", Map.of("session_id", session)).statusCode(200)
                .body("history.find { it.event == 'liveness_failed' }.detail",
                        containsString("face_turned_too_far"));
    }

    @Test
    void ageAndGenderAreEstimatedWhenAskedButNeverReportedAsPassed() {
        TestTenants.Tenant tenant = tenants.create("attributes");
        String session = createSession(tenant, "passive",
                Map.of("settings", Map.of("perform_age_test", true, "perform_gender_test", true)));
        consent(tenant, session).statusCode(200);
        documentType(tenant, session, "passport").statusCode(200);
        // a passport that gives neither birth date nor sex (ICAO 9303's "<" for unknown): nothing to compare with
        image(tenant, "front", session, Documents.passport(Documents.traveller("LESLIE", "ROSE", '<', null, 5),
                face("rose-leslie/rose-leslie-1.jpg"))).statusCode(200);
        generate(tenant, session);
        process(tenant, session, List.of(face("rose-leslie/rose-leslie-2.jpg"))).statusCode(200);
        finalizeSession(tenant, session).statusCode(200);
        backend(tenant, "sessions/tests/read", Map.of("session_id", session)).statusCode(200)
                .body("checks.find { it.name == 'document_read' }.passed", equalTo(true))
                .body("checks.find { it.name == 'age' }.value", greaterThan(10f))
                .body("checks.find { it.name == 'age' }.passed", nullValue())
                .body("checks.find { it.name == 'gender' }.reference", equalTo("female"))
                .body("checks.find { it.name == 'gender' }.passed", nullValue());
    }

    @Transactional
    List<String> events(UUID sessionId) {
        return entityManager.createNativeQuery("SELECT event_type FROM core.outbox WHERE aggregate_id = ?1 ORDER BY id", String.class)
                .setParameter(1, sessionId.toString()).getResultList();
    }

    @Transactional
    List<String> identityEvents(UUID identityId) {
        return entityManager.createNativeQuery("SELECT event_type FROM core.outbox WHERE aggregate_id = ?1 ORDER BY id", String.class)
                .setParameter(1, identityId.toString()).getResultList();
    }

    @Transactional
    @SuppressWarnings("unchecked")
    List<String> reads(UUID clientId) {
        return ((List<Object[]>) entityManager.createNativeQuery("SELECT operation, file_type FROM core.biometric_reads "
                + "WHERE client_id = ?1 AND actor LIKE 'api_key:%' ORDER BY id").setParameter(1, clientId).getResultList())
                .stream().map(r -> r[0] + " " + r[1]).toList();
    }
}
