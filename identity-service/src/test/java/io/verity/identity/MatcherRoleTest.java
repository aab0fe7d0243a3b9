package io.verity.identity;

import static io.restassured.RestAssured.given;
import static io.verity.identity.InternalCalls.asService;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.verity.testsupport.TestTenants;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** identity-service in the matcher role (the GPU matcher Deployment): the internal face and gallery API only. */
@QuarkusTest
@TestProfile(MatcherRoleTest.Matcher.class)
class MatcherRoleTest {

    public static class Matcher implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("verity.identity.role", "matcher");
        }
    }

    @Inject
    TestTenants tenants;

    @Test
    void servesTheInternalFaceAndGalleryApi() {
        var tenant = tenants.create("matcher-role");
        asService(tenant.clientId()).get("/internal/v1/galleries/door/templates").then().statusCode(200);
        given().contentType("application/json").body("{}").post("/internal/v1/faces/analyze").then().statusCode(401);
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/info").then().statusCode(200);
    }

    @Test
    void answersEverythingElseWith404BeforeReadingIt() {
        var tenant = tenants.create("matcher-role-public");
        given().header("x-api-key", tenant.apiKey()).get("/events").then().statusCode(404)
                .contentType("application/problem+json").body("code", equalTo("not_found"));
        given().header("x-api-key", tenant.apiKey()).contentType("application/json").body("{}").post("/identity")
                .then().statusCode(404);
        given().post("/api/v3/kyc_verification/search-by-face").then().statusCode(404)
                .body("code", equalTo("not_found"));
        given().header("x-api-key", tenant.apiKey()).get("/events/{id}/attendees", java.util.UUID.randomUUID())
                .then().statusCode(404).body("code", equalTo("not_found"));
    }
}
