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
import static io.verity.idv.Idv.sdk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.verity.testsupport.TestTenants;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What the SDK may do, in which order, and what a session refuses. */
@QuarkusTest
class SdkRulesTest {

    @Inject
    TestTenants tenants;

    @Inject
    EntityManager entityManager;

    @Test
    void sdkCallsBeforeConsentAreRefusedAndRecordedAsRefused() {
        TestTenants.Tenant tenant = tenants.create("consent");
        String session = createSession(tenant, "passive", Map.of());
        documentType(tenant, session, "passport").statusCode(409).body("code", equalTo("consent_required"));
        image(tenant, "front", session, passport("obama/obama-1.jpg")).statusCode(409).body("code", equalTo("consent_required"));
        sdk(tenant, "liveness/generate", Map.of("session_id", session, "latitude", 1, "longitude", 1))
                .statusCode(409).body("code", equalTo("consent_required"));
        finalizeSession(tenant, session).statusCode(409).body("code", equalTo("consent_required"));
        sdk(tenant, "metadata", Map.of("session_id", session, "sdk_metadata", Map.of("os", "ios")))
                .statusCode(409).body("code", equalTo("consent_required"));
        consent(tenant, session).statusCode(200);
        consent(tenant, session).statusCode(409).body("code", equalTo("already_consented"));
        backend(tenant, "sessions/read", Map.of("session_id", session)).statusCode(200)
                .body("document_type_e", equalTo(null))
                .body("history.findAll { it.outcome == 'refused' }.detail", hasItem("consent_required"))
                .body("history.findAll { it.outcome == 'refused' }.actor", hasItem(containsString("sdk@")));
    }

    @Test
    void stepsOutOfOrderOrRepeatedAreConflictsThatChangeNothing() {
        TestTenants.Tenant tenant = tenants.create("order");
        String session = createSession(tenant, "passive", Map.of());
        consent(tenant, session).statusCode(200);
        var holder = Documents.holder("D5555555", "BARACK", "OBAMA", LocalDate.of(1961, 8, 4), LocalDate.now().plusYears(3),
                "1 MAIN ST");
        byte[] front = Documents.licenceFront(holder, face("obama/obama-1.jpg"), 7, null);
        byte[] back = Documents.licenceBack(holder, 7);
        image(tenant, "front", session, front).statusCode(409).body("code", equalTo("document_type_required"));
        documentType(tenant, session, "driver_license").statusCode(200);
        image(tenant, "back", session, back).statusCode(409).body("code", equalTo("document_front_required"));
        sdk(tenant, "liveness/generate", Map.of("session_id", session, "latitude", 1, "longitude", 1))
                .statusCode(409).body("code", equalTo("document_front_required"));
        image(tenant, "front", session, front).statusCode(200);
        image(tenant, "front", session, Documents.licenceFront(holder, face("obama/obama-2.jpg"), 8, null)).statusCode(409)
                .body("code", equalTo("already_given"));
        documentType(tenant, session, "passport").statusCode(409).body("code", equalTo("document_already_given"));
        sdk(tenant, "liveness/generate", Map.of("session_id", session, "latitude", 1, "longitude", 1))
                .statusCode(409).body("code", equalTo("document_back_required"));
        finalizeSession(tenant, session).statusCode(409).body("code", equalTo("liveness_required"));
        process(tenant, session, List.of(face("obama/obama-4.jpg"))).statusCode(409).body("code", equalTo("document_back_required"));
        backend(tenant, "sessions/read", Map.of("session_id", session)).statusCode(200)
                .body("document_type_e", equalTo("driver_license"))
                .body("document_back_given", equalTo(false))
                .body("status_e", equalTo("in_progress"));
        assertThat(files(UUID.fromString(session))).containsExactly("driver_license_front");
    }

    @Test
    void anotherClientCannotReadOrChangeASession() {
        TestTenants.Tenant owner = tenants.create("owner");
        TestTenants.Tenant stranger = tenants.create("stranger");
        String session = createSession(owner, "passive", Map.of());
        consent(stranger, session).statusCode(404);
        sdk(stranger, "sessions/read", Map.of("session_id", session)).statusCode(404);
        backend(stranger, "sessions/read", Map.of("session_id", session)).statusCode(404);
        backend(stranger, "documents/download", Map.of("session_id", session, "storage_file_type_e", "selfie")).statusCode(404);
        given().contentType("application/json").body(Map.of("session_id", session)).post("/v1/sdk/sessions/read")
                .then().statusCode(400).body("code", equalTo("client_id_required"));
        sdk(owner, "sessions/read", Map.of("session_id", session)).statusCode(200)
                .body("consented", equalTo(false)).body("client_id", equalTo(owner.clientId().toString()))
                .body("liveness_provider_e", equalTo("verity"));
        backend(owner, "sessions/read", Map.of("session_id", session)).statusCode(200)
                .body("history.size()", equalTo(1)); // the stranger's calls left no trace in the owner's history
    }

    @Test
    void anExpiredSessionRefusesChangesAndPublishesItsExpiry() {
        TestTenants.Tenant tenant = tenants.create("expiry");
        String session = createSession(tenant, "passive", Map.of());
        consent(tenant, session).statusCode(200);
        pushExpiryIntoThePast(UUID.fromString(session));
        documentType(tenant, session, "passport").statusCode(409).body("code", equalTo("session_expired"));
        backend(tenant, "sessions/read", Map.of("session_id", session)).statusCode(200)
                .body("status_e", equalTo("expired"))
                .body("history.event", hasItem("expired"));
        assertThat(outbox(UUID.fromString(session))).containsExactly("in_progress", "expired");
    }

    @Test
    void imagesAreSniffedNotTrustedByName() {
        TestTenants.Tenant tenant = tenants.create("sniff");
        String session = createSession(tenant, "passive", Map.of());
        consent(tenant, session).statusCode(200);
        documentType(tenant, session, "passport").statusCode(200);
        image(tenant, "front", session, "<html>not an image</html>".getBytes()).statusCode(415).body("code", equalTo("unsupported_format"));
        image(tenant, "front", session, png(120, 90)).statusCode(422).body("code", equalTo("image_too_small"));
        given().header("X-Client-Id", tenant.clientId().toString()).multiPart("session_id", session)
                .multiPart("latitude", "91").multiPart("longitude", "0").multiPart("image", "a.jpg", face("obama/obama-1.jpg"))
                .post("/v1/sdk/documents/front").then().statusCode(400).body("field", equalTo("latitude"));
        image(tenant, "front", session, face("obama/obama-rgba.png")).statusCode(200);
        byte[] stored = given().header("x-api-key", tenant.apiKey()).contentType("application/json")
                .body(Map.of("session_id", session, "storage_file_type_e", "passport_front"))
                .post("/v1/documents/download").then().statusCode(200).contentType("image/png").extract().asByteArray();
        assertThat(stored).isEqualTo(face("obama/obama-rgba.png"));
        // at rest: AES-GCM (1 version byte, 12 nonce, 16 tag), none of the image's own bytes (its first 64) in the clear
        String head = new String(java.util.Arrays.copyOf(stored, 64), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(blobs(UUID.fromString(session))).singleElement().satisfies(b -> {
            assertThat(b).hasSize(stored.length + 29);
            assertThat(new String(b, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(head);
        });
    }

    @Test
    void eachSpoofFailsLivenessAndTheDocumentPortraitAsSelfieIsCaught() {
        TestTenants.Tenant tenant = tenants.create("spoofs");
        for (String spoof : List.of("liveness/spoof-printed-photo.jpg", "liveness/spoof-screen-replay.jpg")) {
            String session = passportSession(tenant, "passive", passport("obama/obama-1.jpg"));
            generate(tenant, session);
            process(tenant, session, List.of(data(spoof))).statusCode(200).body("liveness_detected", equalTo(false));
            backend(tenant, "sessions/tests/read", Map.of("session_id", session)).statusCode(200)
                    .body("liveness_frames[0].liveness", org.hamcrest.Matchers.lessThan(0.5f));
        }
        // the live photo passes the same check
        String live = passportSession(tenant, "passive", passport("obama/obama-1.jpg"));
        generate(tenant, live);
        process(tenant, live, List.of(data("liveness/live.jpg"))).statusCode(200).body("liveness_detected", equalTo(true));

        // the passport's printed portrait (scored 0.995 live by the passive model) held up as the selfie
        String replay = passportSession(tenant, "passive", data("documents/passport-td2.jpg"));
        generate(tenant, replay);
        process(tenant, replay, List.of(data("documents/passport-td3.jpg"))).statusCode(200).body("liveness_detected", equalTo(false));
        finalizeSession(tenant, replay).statusCode(200).body("verified", equalTo(false));
        backend(tenant, "sessions/tests/read", Map.of("session_id", replay)).statusCode(200)
                .body("failed_checks", hasItem("liveness"))
                .body("checks.find { it.name == 'liveness' }.reason", containsString("document's own portrait"));
    }

    @Test
    void aFailedLivenessCanBeRetriedUntilTheSessionIsBlocked() {
        TestTenants.Tenant tenant = tenants.create("retries");
        String session = passportSession(tenant, "passive", passport("obama/obama-1.jpg"));
        for (int attempt = 0; attempt < 3; attempt++) {
            generate(tenant, session);
            process(tenant, session, List.of(data("liveness/spoof-printed-photo.jpg"))).statusCode(200)
                    .body("liveness_detected", equalTo(false));
        }
        sdk(tenant, "liveness/generate", Map.of("session_id", session, "latitude", 1, "longitude", 1))
                .statusCode(409).body("code", equalTo("session_blocked"));
        backend(tenant, "sessions/read", Map.of("session_id", session)).statusCode(200)
                .body("status_e", equalTo("temporarily_blocked"));
    }

    @Test
    void aLivenessProcessNeedsAFreshTokenAndTheChallengesFrames() {
        TestTenants.Tenant tenant = tenants.create("token");
        String session = passportSession(tenant, "passive_active", passport("obama/obama-3.jpg"));
        process(tenant, session, List.of(face("obama/obama-1.jpg"))).statusCode(409).body("code", equalTo("liveness_session_required"));
        generate(tenant, session);
        process(tenant, session, List.of(face("obama/obama-1.jpg"))).statusCode(400).body("field", equalTo("images"));
        // one still photo cannot follow head turns
        process(tenant, session, List.of(face("obama/obama-1.jpg"), face("obama/obama-1.jpg"), face("obama/obama-1.jpg")))
                .statusCode(200).body("liveness_detected", equalTo(false));
        process(tenant, session, List.of(face("obama/obama-1.jpg"))).statusCode(409).body("code", equalTo("liveness_session_required"));
    }

    @Inject
    io.verity.idv.service.SessionService sessionService;

    /** The client whose SDK origins application.properties restricts in the test profile. */
    static final UUID RESTRICTED = UUID.fromString("0b9f3c2e-5d7a-4c1b-9e8f-2a6d4c8b1e70");

    @Test
    void aClientCanRestrictTheBrowserOriginsOfItsSdkCalls() {
        String session = restrictedSession();
        given().header("X-Client-Id", RESTRICTED.toString()).header("Origin", "https://evil.example.com")
                .contentType("application/json").body(Map.of("session_id", session)).post("/v1/sdk/sessions/read")
                .then().statusCode(403).body("code", equalTo("origin_not_allowed"))
                .header("Access-Control-Allow-Origin", org.hamcrest.Matchers.nullValue());
        given().header("X-Client-Id", RESTRICTED.toString()).header("Origin", "https://app.example.com")
                .contentType("application/json").body(Map.of("session_id", session)).post("/v1/sdk/sessions/read")
                .then().statusCode(200).header("Access-Control-Allow-Origin", "https://app.example.com");
        // the hosted page, on the service's own origin, is no cross-origin caller
        given().header("X-Client-Id", RESTRICTED.toString()).header("Origin", "http://localhost:" + io.restassured.RestAssured.port)
                .contentType("application/json").body(Map.of("session_id", session)).post("/v1/sdk/sessions/read")
                .then().statusCode(200);
        given().header("Origin", "https://app.example.com").header("Access-Control-Request-Method", "POST")
                .options("/v1/sdk/consent").then().statusCode(204)
                .header("Access-Control-Allow-Headers", containsString("X-Client-Id"));
        // an unrestricted client's SDK may be called from any origin
        TestTenants.Tenant open = tenants.create("open-origins");
        String other = createSession(open, "passive", Map.of());
        given().header("X-Client-Id", open.clientId().toString()).header("Origin", "https://evil.example.com")
                .contentType("application/json").body(Map.of("session_id", other)).post("/v1/sdk/sessions/read")
                .then().statusCode(200).header("Access-Control-Allow-Origin", "https://evil.example.com");
    }

    @Transactional
    String restrictedSession() {
        entityManager.createNativeQuery("INSERT INTO core.clients (id, name) VALUES (?1, 'restricted-origins') "
                + "ON CONFLICT (id) DO NOTHING").setParameter(1, RESTRICTED).executeUpdate();
        return sessionService.create(RESTRICTED, "test", Map.of(), "passive", null, null).id.toString();
    }

    static byte[] png(int width, int height) {
        try {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(width, height, java.awt.image.BufferedImage.TYPE_INT_RGB),
                    "png", out);
            return out.toByteArray();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Transactional
    void pushExpiryIntoThePast(UUID session) {
        entityManager.createNativeQuery("UPDATE idv.sessions SET expires_at = now() - interval '1 minute' WHERE id = ?1")
                .setParameter(1, session).executeUpdate();
    }

    @Transactional
    List<String> outbox(UUID session) {
        return entityManager.createNativeQuery("SELECT payload->>'status' FROM core.outbox WHERE aggregate_id = ?1 "
                + "AND event_type = 'idv.session.status_changed' ORDER BY id", String.class)
                .setParameter(1, session.toString()).getResultList();
    }

    @Transactional
    List<String> files(UUID session) {
        return entityManager.createNativeQuery("SELECT file_type FROM idv.session_files WHERE session_id = ?1", String.class)
                .setParameter(1, session).getResultList();
    }

    @Transactional
    List<byte[]> blobs(UUID session) {
        return entityManager.createNativeQuery("SELECT data FROM core.blobs WHERE key LIKE ?1", byte[].class)
                .setParameter(1, "idv/" + session + "/%").getResultList();
    }

}
