package io.verity.idv;

import static io.verity.idv.Idv.face;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.verity.testsupport.TestTenants;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * Kairos's full ID verification from a plain HTTP client (java.net.http, hand-built multipart), polled as the spec
 * says: 4 s after the POST, then 2 s more each time, for at most 2 minutes.
 */
@QuarkusTest
class KairosTest {

    @TestHTTPResource("/v0.2/full-id-verification")
    URI endpoint;

    @Inject
    TestTenants tenants;

    @Inject
    EntityManager em;

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final ObjectMapper json = new ObjectMapper();

    HttpResponse<String> submit(TestTenants.Tenant tenant, String appId, Map<String, byte[]> parts) throws Exception {
        String boundary = "verity" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (var part : parts.entrySet()) {
            String head = "profile".equals(part.getKey()) ? "\r\n"
                    : "; filename=\"file\"\r\nContent-Type: application/octet-stream\r\n";
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part.getKey() + "\""
                    + head + "\r\n").getBytes(StandardCharsets.US_ASCII));
            body.write(part.getValue());
            body.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return http.send(HttpRequest.newBuilder(endpoint).header("app-id", appId).header("app-key", tenant.apiKey())
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(TestTenants.Tenant tenant, String id) throws Exception {
        // the spec's own examples spell the headers app_id / app_key
        return http.send(HttpRequest.newBuilder(URI.create(endpoint + "/" + id)).header("app_id", tenant.clientId().toString())
                .header("app_key", tenant.apiKey()).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Polls as the spec describes; answers the last body. */
    JsonNode poll(TestTenants.Tenant tenant, String id) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        long wait = 4;
        while (true) {
            Thread.sleep(Duration.ofSeconds(wait));
            HttpResponse<String> answer = get(tenant, id);
            assertThat(answer.statusCode()).isEqualTo(200);
            JsonNode body = json.readTree(answer.body());
            if (body.path("response_code").asInt(-1) == 1 || Instant.now().isAfter(deadline)) {
                return body;
            }
            wait += 2;
        }
    }

    @Test
    void aSelfieAndAnExpiredDocumentGiveADecisionWithReasonCodes() throws Exception {
        TestTenants.Tenant tenant = tenants.create("kairos");
        // an expired licence, front and back, read by the real reader
        var barack = Documents.holder("K5550001", "BARACK", "OBAMA", LocalDate.of(1961, 8, 4), LocalDate.of(2022, 2, 28),
                "1600 PENNSYLVANIA AVE");
        long seed = System.nanoTime();
        Map<String, byte[]> parts = new LinkedHashMap<>();
        parts.put("selfie", face("obama/obama-1.jpg"));
        parts.put("document", Documents.licenceFront(barack, face("obama/obama-3.jpg"), seed, null));
        parts.put("document_back", Documents.licenceBack(barack, seed));
        HttpResponse<String> submitted = submit(tenant, tenant.clientId().toString(), parts);
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(200);
        assertThat(submitted.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(submitted.headers().firstValue("X-Frame-Options")).contains("DENY");
        assertThat(submitted.headers().firstValue("Strict-Transport-Security")).contains("max-age=86400; includeSubDomains");
        assertThat(submitted.headers().firstValue("X-Request-ID")).isPresent();
        String id = json.readTree(submitted.body()).path("api_req_uid").asText();
        assertThat(UUID.fromString(id)).isNotNull();

        JsonNode result = poll(tenant, id);
        assertThat(result.path("response_code").asInt()).as(result.toString()).isEqualTo(1);
        assertThat(result.path("api_req_uid").asText()).isEqualTo(id);
        assertThat(result.path("requested_at").asText()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
        assertThat(result.path("processed_at").asText()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
        JsonNode data = result.path("response_data");
        assertThat(data.path("biometric").path("face_match_confidence").asDouble()).isGreaterThan(0.5);
        assertThat(data.path("biometric").path("selfie").path("faces_liveness").asDouble()).isGreaterThan(0.5);
        assertThat(data.path("biometric").path("selfie").path("faces_predicted").asInt()).isEqualTo(1);
        assertThat(data.path("biometric").path("document").path("image_width").asInt()).isEqualTo(1300);
        JsonNode decision = data.path("decision");
        // the card is a composite (a JPEG portrait pasted on a drawn card): error-level analysis may see that, a review
        List<String> codes = decision.path("details").findValuesAsText("code");
        assertThat(codes).contains("DOCUMENT_EXPIRED");
        assertThat(codes).allMatch(c -> c.equals("DOCUMENT_EXPIRED") || c.equals("IMAGE_MANIPULATED"));
        JsonNode expired = decision.path("details").get(codes.indexOf("DOCUMENT_EXPIRED"));
        assertThat(expired.path("decision").asText()).isEqualTo("reject");
        assertThat(expired.path("confidence").asDouble()).isEqualTo(1.0);
        assertThat(expired.path("description").asText()).startsWith("Document has already expired. Expired on 2022-02-28");
        assertThat(decision.path("reject_score").asInt()).isEqualTo(1);
        assertThat(decision.path("review_score").asInt()).isEqualTo(codes.size() - 1);
        JsonNode fields = data.path("document").path("data");
        for (String field : List.of("age", "country_full", "country_iso2", "country_iso3", "days_from_issue",
                "days_to_expiry", "dob", "dob_day", "dob_month", "dob_year", "document_name", "document_type", "expiry",
                "expiry_day", "expiry_month", "expiry_year", "first_name", "full_name", "internal_id", "issued",
                "issued_day", "issued_month", "issued_year", "last_name", "nationality_full", "personal_number",
                "place_of_birth", "sex")) {
            assertThat(fields.has(field)).as(field).isTrue();
        }
        assertThat(fields.path("full_name").asText()).isEqualTo("BARACK OBAMA");
        assertThat(fields.path("country_iso2").asText()).isEqualTo("US");
        assertThat(fields.path("country_full").asText()).isEqualTo("United States");
        assertThat(fields.path("dob_year").asInt()).isEqualTo(1961);
        assertThat(fields.path("days_to_expiry").asLong()).isNegative();
        assertThat(fields.path("document_type").asText()).isEqualTo("D");

        // a request whose worker died mid-way (lease run out) is taken over and decided again
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("UPDATE idv.kairos_requests SET status = "
                + "'processing', result = NULL, processed_at = NULL, lease_until = now() - interval '1 minute', attempts = 1 "
                + "WHERE id = ?1").setParameter(1, UUID.fromString(id)).executeUpdate());
        assertThat(json.readTree(get(tenant, id).body()).path("response_code").isNull()).isTrue();
        JsonNode again = poll(tenant, id);
        assertThat(again.path("response_code").asInt()).isEqualTo(1);
        assertThat(again.path("response_data").path("decision").path("details").findValuesAsText("code")).isEqualTo(codes);
    }

    @Test
    void credentialsAreTheClientIdAndOneOfItsKeysAndRequestsAreTheClientsOwn() throws Exception {
        TestTenants.Tenant tenant = tenants.create("kairos-auth");
        TestTenants.Tenant other = tenants.create("kairos-other");
        Map<String, byte[]> parts = new LinkedHashMap<>();
        parts.put("selfie", face("obama/obama-1.jpg"));
        parts.put("document", licence(System.nanoTime()));
        // app-id of another client than the key's
        assertThat(submit(tenant, other.clientId().toString(), parts).statusCode()).isEqualTo(401);
        assertThat(submit(tenant, "not-a-uuid", parts).statusCode()).isEqualTo(401);
        HttpResponse<String> ok = submit(tenant, tenant.clientId().toString(), parts);
        assertThat(ok.statusCode()).isEqualTo(200);
        String id = json.readTree(ok.body()).path("api_req_uid").asText();
        assertThat(get(other, id).statusCode()).isEqualTo(404);
        assertThat(get(tenant, UUID.randomUUID().toString()).statusCode()).isEqualTo(404);
        assertThat(get(tenant, "nope").statusCode()).isEqualTo(404);
        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(URI.create(endpoint + "/" + id)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
    }

    @Test
    void imagesOutsideTheSpecsLimitsAndUnknownProfilesAreRefusedClearly() throws Exception {
        TestTenants.Tenant tenant = tenants.create("kairos-limits");
        Map<String, byte[]> small = new LinkedHashMap<>();
        small.put("selfie", png(250, 250));
        small.put("document", licence(1));
        HttpResponse<String> tooSmall = submit(tenant, tenant.clientId().toString(), small);
        assertThat(tooSmall.statusCode()).isEqualTo(422);
        assertThat(tooSmall.body()).contains("image_too_small").contains("selfie");
        Map<String, byte[]> missing = new LinkedHashMap<>();
        missing.put("selfie", face("obama/obama-1.jpg"));
        HttpResponse<String> noDocument = submit(tenant, tenant.clientId().toString(), missing);
        assertThat(noDocument.statusCode()).isEqualTo(400);
        assertThat(noDocument.body()).contains("document");
        Map<String, byte[]> wide = new LinkedHashMap<>();
        wide.put("selfie", face("obama/obama-1.jpg"));
        wide.put("document", png(5200, 300));
        HttpResponse<String> tooWide = submit(tenant, tenant.clientId().toString(), wide);
        assertThat(tooWide.statusCode()).isEqualTo(422);
        assertThat(tooWide.body()).contains("image_side_too_long");
        Map<String, byte[]> profile = new LinkedHashMap<>();
        profile.put("selfie", face("obama/obama-1.jpg"));
        profile.put("document", licence(2));
        profile.put("profile", "paranoid-v9".getBytes(StandardCharsets.US_ASCII));
        HttpResponse<String> unknown = submit(tenant, tenant.clientId().toString(), profile);
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("profile").contains("optimal-v0");
    }

    /** The front of a valid licence with the selfie's person on it. */
    static byte[] licence(long seed) {
        return Documents.licenceFront(Documents.holder("K5550002", "BARACK", "OBAMA", LocalDate.of(1961, 8, 4),
                LocalDate.now().plusYears(2), "1600 PENNSYLVANIA AVE"), face("obama/obama-3.jpg"), seed, null);
    }

    static byte[] png(int w, int h) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB), "png", out);
        return out.toByteArray();
    }
}
