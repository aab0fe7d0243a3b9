package io.verity.weights;

import static io.restassured.RestAssured.given;
import static io.verity.weights.WeightsResourceTest.MAP;
import static io.verity.weights.WeightsResourceTest.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.verity.testsupport.AdminTokens;
import io.verity.testsupport.TestTenants;
import io.verity.testsupport.TestTenants.Tenant;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class InternalReadResourceTest {

    @Inject
    TestTenants tenants;

    static RequestSpecification service(Object clientId) {
        return given().header("x-internal-token", "test-internal-token").header("x-verity-client-id", clientId);
    }

    @Test
    void aServiceReadsWhatTheClientWouldRead() {
        Tenant tenant = tenants.create("internal");
        WeightsResourceTest.update(tenant, WeightsResourceTest.weights(0.5).put("user_id", "hal"));

        Response publicRead = as(tenant).get("/weights?user_id=hal");
        Response internalRead = service(tenant.clientId()).get("/internal/v1/weights?user_id=hal");
        assertThat(internalRead.statusCode()).isEqualTo(200);
        assertThat(internalRead.as(MAP)).isEqualTo(publicRead.as(MAP));
        assertThat(internalRead.header("ETag")).isEqualTo(publicRead.header("ETag"));
        service(tenant.clientId()).header("If-None-Match", internalRead.header("ETag"))
                .get("/internal/v1/weights?user_id=hal").then().statusCode(304);

        service(tenant.clientId()).get("/internal/v1/weights/{id}", publicRead.path("id").toString()).then()
                .statusCode(200).body("id", equalTo(publicRead.path("id")));
        service(tenant.clientId()).get("/internal/v1/requirements?type_e=passport").then().statusCode(200)
                .body("requirements[0].type_e", equalTo("passport"))
                .body("requirements[0].data_source_e", equalTo("unknown"));
        service(UUID.randomUUID()).get("/internal/v1/weights").then().statusCode(404);
        service(tenants.create("internal-other").clientId())
                .get("/internal/v1/weights/{id}", publicRead.path("id").toString()).then().statusCode(404);
    }

    @Test
    void onlyServicesHoldingTheTokenGetIn() {
        Tenant tenant = tenants.create("internal-guard");
        given().get("/internal/v1/weights").then().statusCode(401).contentType("application/problem+json");
        as(tenant).get("/internal/v1/weights").then().statusCode(403);
        // /internal/ bearer tokens are service-account tokens (tenant service-accounts, off here): refused
        given().auth().oauth2(AdminTokens.admin()).get("/internal/v1/weights").then().statusCode(401);
        given().header("x-internal-token", "guess").header("x-verity-client-id", tenant.clientId())
                .get("/internal/v1/weights").then().statusCode(401);
        given().header("x-internal-token", "test-internal-token").get("/internal/v1/weights").then().statusCode(401);
    }
}
