package io.verity.testsupport;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * What every Verity service promises, run by each service against its own running instance on the migrated
 * schema: the information endpoints in the vendor spec's shapes, API-key and admin authentication, problem bodies.
 */
public abstract class ServiceContractTest {

    @Inject
    protected TestTenants tenants;

    /** The service's {@code quarkus.application.name}. */
    protected abstract String serviceName();

    @Test
    void rootDescribesTheService() {
        given().get("/").then().statusCode(200)
                .body("service", equalTo(serviceName()))
                .body("description", notNullValue())
                .body("version", notNullValue())
                .body("environment", equalTo("test"))
                .body("timestamp", notNullValue())
                .body("documentation", containsString("/q/swagger-ui"))
                .body("health", containsString("/health"))
                .body("status", equalTo("running"));
    }

    @Test
    void infoListsUptimeAndEndpoints() {
        given().get("/info").then().statusCode(200)
                .body("service", equalTo(serviceName()))
                .body("uptime", greaterThanOrEqualTo(0))
                .body("endpoints.health", containsString("/health"))
                .body("endpoints.ready", containsString("/q/health/ready"))
                .body("endpoints.live", containsString("/q/health/live"))
                .body("endpoints.metrics", containsString("/q/metrics"))
                .body("endpoints.docs", containsString("/q/swagger-ui"))
                .body("endpoints.api_spec", containsString("/q/openapi"));
    }

    @Test
    void healthShowsAKeyHolderTheChecksButNothingInternal() {
        TestTenants.Tenant tenant = tenants.create("health");
        given().header("x-api-key", tenant.apiKey()).get("/health").then().statusCode(200)
                .body("checks.database", equalTo("ok"))
                .body("checks.cache", equalTo("ok"))
                .body("checks.storage", equalTo("ok"))
                .body("checks", hasKey("external_services"))
                .body("$", not(hasKey("details")))
                .body("$", not(hasKey("error")))
                .body(not(containsString("schema_version")))
                .body(not(containsString("api_keys_cached")))
                .body(not(containsString("http://")))
                .body("uptime", greaterThanOrEqualTo(0))
                .body("timestamp", notNullValue());
    }

    @Test
    void healthShowsAnAdministratorTheDetails() {
        given().auth().oauth2(AdminTokens.admin()).get("/health").then().statusCode(200)
                .body("checks.database", equalTo("ok"))
                .body("details.database.schema_version", notNullValue())
                .body("details.cache", hasKey("api_keys_cached"));
    }

    /**
     * The document that generated clients and gateways import: swagger-parser (openapi-generator's parser) reads and
     * resolves it without messages, operationIds are unique, every success body is typed (see {@link OpenApiRules}).
     */
    @Test
    void openApiIsAcceptedByTheToolsThatConsumersUse() {
        String document = given().accept("application/json").get("/q/openapi").then().statusCode(200).extract().asString();
        org.assertj.core.api.Assertions.assertThat(OpenApiRules.problems(document)).isEmpty();
    }

    @Test
    void healthRefusesMissingAndUnknownKeysWithAProblem() {
        given().get("/health").then().statusCode(401)
                .contentType("application/problem+json")
                .body("code", equalTo("unauthenticated"))
                .body("request_id", notNullValue());
        given().header("x-api-key", "vty_aaaaaaaaaaaa.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").get("/health")
                .then().statusCode(401).contentType("application/problem+json");
        given().header("x-api-key", "not-a-key").get("/health").then().statusCode(401);
    }

    @Test
    void systemIsForAdministratorsOnly() {
        given().auth().oauth2(AdminTokens.admin()).get("/system").then().statusCode(200)
                .body("system.pid", greaterThan(0))
                .body("system.memory.used", greaterThan(0))
                .body("system.memory.total", greaterThan(0))
                .body("system.memory", hasKey("external"))
                .body("system.memory.rss", greaterThan(0))
                .body("system.cpu", notNullValue())
                .body("system.node_version", startsWith("java "))
                .body("system.platform", notNullValue())
                .body("environment.version", notNullValue());
        given().auth().oauth2(AdminTokens.withRoles("viewer")).get("/system").then().statusCode(403)
                .contentType("application/problem+json").body("code", equalTo("forbidden"));
        given().get("/system").then().statusCode(401).contentType("application/problem+json");
        given().header("x-api-key", tenants.create("system").apiKey()).get("/system").then().statusCode(403);
    }

    @Test
    void operationalEndpointsAnswer() {
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200).body(containsString("http_server_requests"));
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("components.securitySchemes", hasKey("ApiKeyAuth"))
                .body("paths", hasKey("/health"));
    }

    @Test
    void unknownPathsAnswerAProblemWithTheCallersRequestId() {
        given().header("X-Request-Id", "trace-42").get("/no-such-thing").then().statusCode(404)
                .header("X-Request-Id", "trace-42");
    }
}
