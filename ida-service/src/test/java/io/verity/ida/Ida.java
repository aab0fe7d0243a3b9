package io.verity.ida;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.verity.documents.tools.AamvaFixtures;
import io.verity.documents.tools.Photos;
import io.verity.testsupport.SharedData;
import io.verity.testsupport.TestTenants;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** People verified through the real idv-service, then authenticated through ida-service, over HTTP. */
final class Ida {

    private Ida() {
    }

    static byte[] data(String relative) {
        try {
            return Files.readAllBytes(SharedData.dir().resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] face(String relative) {
        return data("faces/" + relative);
    }

    /**
     * Verifies a person through idv-service: a driver_license session whose front is a generated US licence with
     * {@code portrait} in its portrait area and whose back carries the same holder's AAMVA PDF417 (idv-service reads
     * both with the real document reader), {@code selfie} as the one passive liveness frame. Answers the identity it
     * created.
     */
    static String verify(TestTenants.Tenant tenant, byte[] portrait, byte[] selfie, Map<String, String> metadata) {
        String idv = SuiteResource.idvUrl;
        String session = given().baseUri(idv).header("x-api-key", tenant.apiKey()).contentType(ContentType.JSON)
                .body(Map.of("liveness_mode", "passive", "metadata", metadata))
                .post("/v1/sessions").then().statusCode(200).extract().path("session_id");
        idvSdk(tenant, "consent", Map.of("session_id", session, "consented", true)).statusCode(200);
        idvSdk(tenant, "document-type", Map.of("session_id", session, "document_type_e", "driver_license")).statusCode(200);
        for (String side : new String[] {"front", "back"}) {
            given().baseUri(idv).header("X-Client-Id", tenant.clientId().toString())
                    .multiPart("session_id", session).multiPart("latitude", "48.8566").multiPart("longitude", "2.3522")
                    .multiPart("image", side + ".jpg", side.equals("front") ? Photos.licenceFrontJpeg(HOLDER, portrait)
                            : Photos.licenceBackJpeg(HOLDER),
                            "application/octet-stream")
                    .post("/v1/sdk/documents/" + side).then().statusCode(200);
        }
        idvSdk(tenant, "liveness/generate", Map.of("session_id", session, "latitude", 48.8566, "longitude", 2.3522))
                .statusCode(200);
        idvSdk(tenant, "liveness/process", Map.of("session_id", session, "latitude", 48.8566, "longitude", 2.3522,
                "images", List.of(b64(selfie)))).statusCode(200);
        idvSdk(tenant, "finalize", Map.of("session_id", session, "settings", Map.of())).statusCode(200)
                .body("verified", org.hamcrest.Matchers.equalTo(true));
        return given().baseUri(idv).header("x-api-key", tenant.apiKey()).contentType(ContentType.JSON)
                .body(Map.of("session_id", session)).post("/v1/sessions/read").then().statusCode(200)
                .extract().path("identity_id");
    }

    private static final AamvaFixtures.Holder HOLDER = AamvaFixtures.sample("USA");

    private static ValidatableResponse idvSdk(TestTenants.Tenant tenant, String path, Map<String, Object> body) {
        return given().baseUri(SuiteResource.idvUrl).header("X-Client-Id", tenant.clientId().toString())
                .contentType(ContentType.JSON).body(body).post("/v1/sdk/" + path).then();
    }

    static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    static ValidatableResponse create(TestTenants.Tenant tenant, String identityId, Map<String, Object> extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("identity_id", identityId);
        body.putAll(extra);
        return given().header("x-api-key", tenant.apiKey()).contentType(ContentType.JSON).body(body)
                .post("/ida/sessions").then();
    }

    static String session(TestTenants.Tenant tenant, String identityId) {
        return create(tenant, identityId, Map.of("liveness_mode", "passive")).statusCode(200).extract().path("session_id");
    }

    static ValidatableResponse sdk(TestTenants.Tenant tenant, String path, Map<String, Object> body) {
        return given().header("X-Client-Id", tenant.clientId().toString()).contentType(ContentType.JSON).body(body)
                .post("/ida/sdk/" + path).then();
    }

    static ValidatableResponse backend(TestTenants.Tenant tenant, String path, Map<String, Object> body) {
        return given().header("x-api-key", tenant.apiKey()).contentType(ContentType.JSON).body(body)
                .post("/" + path).then();
    }

    static ValidatableResponse generate(TestTenants.Tenant tenant, String session) {
        return sdk(tenant, "liveness/generate", Map.of("session_id", session, "latitude", 40.7128, "longitude", -74.006));
    }

    static ValidatableResponse process(TestTenants.Tenant tenant, String session, byte[]... frames) {
        return sdk(tenant, "liveness/process", Map.of("session_id", session, "latitude", 40.7128, "longitude", -74.006,
                "images", java.util.Arrays.stream(frames).map(Ida::b64).toList()));
    }

    static ValidatableResponse finalizeSession(TestTenants.Tenant tenant, String session) {
        return sdk(tenant, "finalize", Map.of("session_id", session));
    }

    /** One whole passive authentication with {@code selfie}; answers the finalization. */
    static ValidatableResponse authenticate(TestTenants.Tenant tenant, String identityId, byte[] selfie) {
        String session = session(tenant, identityId);
        generate(tenant, session).statusCode(200);
        process(tenant, session, selfie).statusCode(200);
        return finalizeSession(tenant, session);
    }
}
