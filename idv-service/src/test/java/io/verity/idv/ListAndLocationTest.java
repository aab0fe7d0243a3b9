package io.verity.idv;

import static io.restassured.RestAssured.given;
import static io.verity.idv.Idv.backend;
import static io.verity.idv.Idv.consent;
import static io.verity.idv.Idv.createSession;
import static io.verity.idv.Idv.documentType;
import static io.verity.idv.Idv.face;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.verity.testsupport.TestTenants;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** sessionList's filters and counts; where captures were made. */
@QuarkusTest
class ListAndLocationTest {

    @Inject
    TestTenants tenants;

    @Test
    void listFiltersAndCounts() {
        TestTenants.Tenant tenant = tenants.create("list");
        String a = createSession(tenant, "passive", Map.of("metadata", Map.of("user_id", "alice", "shop", "north")));
        String b = createSession(tenant, "passive", Map.of("metadata", Map.of("user_id", "bob", "shop", "south")));
        String c = createSession(tenant, "passive_active", Map.of("metadata", Map.of("user_id", "carol", "shop", "north")));
        createSession(tenants.create("list-other"), "passive", Map.of("metadata", Map.of("user_id", "alice")));

        backend(tenant, "sessions/list", Map.of()).statusCode(200)
                .body("sessions.session_id", equalTo(List.of(c, b, a)))
                .body("meta_counts.total", equalTo(3)).body("meta_counts.take", equalTo(20))
                .body("meta_counts.response", equalTo(3));
        backend(tenant, "sessions/list", Map.of("take", 2, "skip", 1)).statusCode(200)
                .body("sessions.session_id", equalTo(List.of(b, a)))
                .body("meta_counts.skip", equalTo(1)).body("meta_counts.response", equalTo(2)).body("meta_counts.total", equalTo(3));
        backend(tenant, "sessions/list", Map.of("metadata", Map.of("shop", "north"))).statusCode(200)
                .body("sessions.session_id", containsInAnyOrder(a, c));
        backend(tenant, "sessions/list", Map.of("user_id", List.of("alice", "bob"))).statusCode(200)
                .body("sessions.session_id", containsInAnyOrder(a, b));
        backend(tenant, "sessions/list", Map.of("user_id", "carol")).statusCode(200).body("sessions.session_id", equalTo(List.of(c)));
        backend(tenant, "sessions/list", Map.of("search_term", "sout")).statusCode(200).body("sessions.session_id", equalTo(List.of(b)));
        backend(tenant, "sessions/list", Map.of("search_term", a.substring(0, 8))).statusCode(200)
                .body("sessions.session_id", equalTo(List.of(a)));
        backend(tenant, "sessions/list", Map.of("status", "in_progress")).statusCode(200).body("meta_counts.total", equalTo(3));
        backend(tenant, "sessions/list", Map.of("status", "complete")).statusCode(200).body("sessions", hasSize(0))
                .body("meta_counts.total", equalTo(0));
        backend(tenant, "sessions/list", Map.of("start_date", "2000-01-01", "end_date", "2000-12-31")).statusCode(200)
                .body("meta_counts.total", equalTo(0));
        backend(tenant, "sessions/list", Map.of("start_date", "2000-01-01")).statusCode(200).body("meta_counts.total", equalTo(3));
        backend(tenant, "sessions/list", Map.of("identity_id", List.of("00000000-0000-0000-0000-000000000001"))).statusCode(200)
                .body("meta_counts.total", equalTo(0));
        backend(tenant, "sessions/list", Map.of("client_id", tenant.clientId().toString())).statusCode(200)
                .body("meta_counts.total", equalTo(3));
        backend(tenant, "sessions/list", Map.of("client_id", List.of("00000000-0000-0000-0000-000000000001"))).statusCode(403);
        backend(tenant, "sessions/list", Map.of("take", 1000)).statusCode(400).body("field", equalTo("take"));
        backend(tenant, "sessions/list", Map.of("start_date", "yesterday")).statusCode(400).body("field", equalTo("start_date"));
        backend(tenant, "sessions/list", Map.of("status", "sleeping")).statusCode(400).body("field", equalTo("status"));
    }

    @Test
    void locationOfAPublicIpBehindATrustedProxyAndOfCoordinatesInReims() {
        TestTenants.Tenant tenant = tenants.create("location");
        String session = createSession(tenant, "passive", Map.of());
        consent(tenant, session).statusCode(200);
        documentType(tenant, session, "passport").statusCode(200);
        // the test's own connection comes from 127.0.0.1, configured as a trusted proxy for the tests
        given().header("X-Client-Id", tenant.clientId().toString()).header("X-Forwarded-For", "198.51.100.9, 8.8.8.8")
                .multiPart("session_id", session).multiPart("latitude", "49.2583").multiPart("longitude", "4.0317")
                .multiPart("image", "front.jpg", Idv.passport("obama/obama-1.jpg"))
                .post("/v1/sdk/documents/front").then().statusCode(200);
        backend(tenant, "sessions/location/read", Map.of("session_id", session, "location_capture_type_e", "front_doc_image_capture"))
                .statusCode(200)
                .body("ip_address", equalTo("8.8.8.8"))
                .body("ip_country", equalTo("US"))
                .body("ip_city", notNullValue())
                .body("ip_latitude", notNullValue())
                .body("device_latitude", equalTo(49.2583f))
                .body("device_locality", equalTo("Reims"))
                .body("device_country_code", equalTo("FR"))
                .body("device_country_name", equalTo("France"))
                .body("device_admin_area", equalTo("Grand Est"))
                .body("device_sub_admin_area", equalTo("Marne"))
                .body("device_location", equalTo("Reims, Grand Est, France"));
        backend(tenant, "sessions/location/read", Map.of("session_id", session, "location_capture_type_e", "selfie_image_capture"))
                .statusCode(404);
    }

    @Test
    void locationIsNotCollectedWhenTheSettingsSayNo() {
        TestTenants.Tenant tenant = tenants.create("no-location");
        String session = createSession(tenant, "passive",
                Map.of("settings", Map.of("collect_ip_data", false, "collect_location_data", false)));
        consent(tenant, session).statusCode(200);
        documentType(tenant, session, "passport").statusCode(200);
        Idv.image(tenant, "front", session, Idv.passport("obama/obama-1.jpg")).statusCode(200);
        backend(tenant, "sessions/location/read", Map.of("session_id", session, "location_capture_type_e", "front_doc_image_capture"))
                .statusCode(200).body("ip_address", nullValue()).body("device_latitude", nullValue());
    }

    @Test
    void aWebhookUrlToAPrivateAddressIsRefused() {
        TestTenants.Tenant tenant = tenants.create("ssrf");
        given().header("x-api-key", tenant.apiKey()).contentType("application/json")
                .body(Map.of("webhook_url", "http://169.254.169.254/latest/meta-data")).post("/v1/sessions")
                .then().statusCode(422).body("field", equalTo("webhook_url"));
        String ok = createSession(tenant, "passive", Map.of("webhook_url", "http://localhost:9/hook"));
        backend(tenant, "sessions/read", Map.of("session_id", ok)).statusCode(200).body("webhook_url", equalTo("http://localhost:9/hook"));
        given().header("x-api-key", tenant.apiKey()).contentType("application/json")
                .body(Map.of("liveness_mode", "active")).post("/v1/sessions").then().statusCode(400).body("field", equalTo("liveness_mode"));
    }
}
