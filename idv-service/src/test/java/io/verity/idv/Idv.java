package io.verity.idv;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.verity.testsupport.SharedData;
import io.verity.testsupport.TestTenants;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The IDV API as a customer's backend and its SDK call it, over HTTP. */
final class Idv {

    private Idv() {
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

    static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    static String createSession(TestTenants.Tenant tenant, String livenessMode, Map<String, Object> extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("liveness_mode", livenessMode);
        body.putAll(extra);
        return given().header("x-api-key", tenant.apiKey()).contentType(ContentType.JSON).body(body)
                .post("/v1/sessions").then().statusCode(200).extract().path("session_id");
    }

    static ValidatableResponse sdk(TestTenants.Tenant tenant, String path, Map<String, Object> body) {
        return given().header("X-Client-Id", tenant.clientId().toString()).contentType(ContentType.JSON).body(body)
                .post("/v1/sdk/" + path).then();
    }

    static ValidatableResponse consent(TestTenants.Tenant tenant, String session) {
        return sdk(tenant, "consent", Map.of("session_id", session, "consented", true));
    }

    static ValidatableResponse documentType(TestTenants.Tenant tenant, String session, String type) {
        return sdk(tenant, "document-type", Map.of("session_id", session, "document_type_e", type));
    }

    static ValidatableResponse image(TestTenants.Tenant tenant, String side, String session, byte[] image) {
        return given().header("X-Client-Id", tenant.clientId().toString())
                .multiPart("session_id", session).multiPart("latitude", "48.8566").multiPart("longitude", "2.3522")
                .multiPart("image", "photo.bin", image, "application/octet-stream")
                .post("/v1/sdk/documents/" + side).then();
    }

    static List<String> generate(TestTenants.Tenant tenant, String session) {
        return sdk(tenant, "liveness/generate", Map.of("session_id", session, "latitude", 48.8566, "longitude", 2.3522))
                .statusCode(200).extract().path("challenge");
    }

    static ValidatableResponse process(TestTenants.Tenant tenant, String session, List<byte[]> frames) {
        return sdk(tenant, "liveness/process", Map.of("session_id", session, "latitude", 48.8566, "longitude", 2.3522,
                "images", frames.stream().map(Idv::b64).toList()));
    }

    static ValidatableResponse finalizeSession(TestTenants.Tenant tenant, String session) {
        return sdk(tenant, "finalize", Map.of("session_id", session, "settings", Map.of()));
    }

    static ValidatableResponse backend(TestTenants.Tenant tenant, String path, Map<String, Object> body) {
        return given().header("x-api-key", tenant.apiKey()).contentType(ContentType.JSON).body(body)
                .post("/v1/" + path).then();
    }

    /** A US passport of Barack Obama (born 1961-08-04) with the photo {@code faceFile} of faces/ as its portrait. */
    static byte[] passport(String faceFile) {
        return Documents.passport(Documents.traveller("OBAMA", "BARACK", 'M', java.time.LocalDate.of(1961, 8, 4),
                faceFile.hashCode()), face(faceFile));
    }

    /** A passport session up to liveness, with {@code front} as the document's data page. */
    static String passportSession(TestTenants.Tenant tenant, String mode, byte[] front) {
        String session = createSession(tenant, mode, Map.of());
        consent(tenant, session).statusCode(200);
        documentType(tenant, session, "passport").statusCode(200);
        image(tenant, "front", session, front).statusCode(200);
        return session;
    }
}
