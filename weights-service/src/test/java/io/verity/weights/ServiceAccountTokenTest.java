package io.verity.weights;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.build.Jwt;
import io.verity.testsupport.AdminTokens;
import io.verity.testsupport.TestTenants;
import io.verity.testsupport.TestTenants.Tenant;
import io.verity.platform.security.ServiceTokens;
import io.verity.platform.weights.WeightsClient;
import io.verity.platform.weights.WeightsUnavailableException;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Service-to-service calls as in Kubernetes: projected ServiceAccount tokens, here signed by the OIDC test server's
 * key as if by the cluster's issuer, checked by the quarkus-oidc tenant "service-accounts". weights-service takes
 * calls from identity-, idv- and ida-service (application.properties) and from nobody else.
 */
@QuarkusTest
@TestProfile(ServiceAccountTokenTest.ClusterIssuer.class)
class ServiceAccountTokenTest {

    static final String ISSUER = "https://kubernetes.default.svc.cluster.local";

    public static class ClusterIssuer implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.oidc.service-accounts.tenant-enabled", "true",
                    "quarkus.oidc.service-accounts.auth-server-url", "${keycloak.url}/realms/quarkus/",
                    "quarkus.oidc.service-accounts.token.issuer", ISSUER);
        }
    }

    @Inject
    TestTenants tenants;

    static String token(String subject, String audience) {
        return Jwt.subject(subject).issuer(ISSUER).audience(audience)
                .expiresAt(Instant.now().plusSeconds(600))
                .claim("kubernetes.io", Map.of("namespace", "verity"))
                .sign();
    }

    static RequestSpecification as(String serviceAccount, String audience, Object clientId) {
        return given().auth().oauth2(token("system:serviceaccount:verity:" + serviceAccount, audience))
                .header("x-verity-client-id", clientId);
    }

    @Test
    void anAllowedServiceWithATokenForThisServiceActsForTheClientItNames() {
        Tenant tenant = tenants.create("sa-allowed");
        WeightsResourceTest.update(tenant, WeightsResourceTest.weights(0.5).put("user_id", "sa"));

        String id = as("idv-service", "weights-service", tenant.clientId()).get("/internal/v1/weights?user_id=sa")
                .then().statusCode(200).extract().path("id").toString();
        as("ida-service", "weights-service", tenant.clientId()).get("/internal/v1/requirements?type_e=passport")
                .then().statusCode(200);
        // tenancy still holds: acting for another client finds nothing of this one's
        as("idv-service", "weights-service", tenants.create("sa-other").clientId())
                .get("/internal/v1/weights/{id}", id).then().statusCode(404);
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() {
        Tenant tenant = tenants.create("sa-audience");
        as("idv-service", "identity-service", tenant.clientId()).get("/internal/v1/weights").then().statusCode(401);
        as("idv-service", "https://kubernetes.default.svc", tenant.clientId()).get("/internal/v1/weights")
                .then().statusCode(401);
    }

    @Test
    void aServiceNotAllowedToActForClientsIsRefused() {
        Tenant tenant = tenants.create("sa-not-allowed");
        // webhook-service fetches customer URLs: it may not read another service's data for a client
        as("webhook-service", "weights-service", tenant.clientId()).get("/internal/v1/weights").then().statusCode(403);
        as("default", "weights-service", tenant.clientId()).get("/internal/v1/weights").then().statusCode(403);
        given().auth().oauth2(token("system:serviceaccount:other-namespace:idv-service", "weights-service"))
                .header("x-verity-client-id", tenant.clientId()).get("/internal/v1/weights").then().statusCode(403);
    }

    @Test
    void anAllowedServiceMustNameAClientAndOthersTokensDoNotGetIn() {
        given().auth().oauth2(token("system:serviceaccount:verity:idv-service", "weights-service"))
                .get("/internal/v1/weights").then().statusCode(401);
        // a token from another issuer (Keycloak's admin token) is not a service account token
        given().auth().oauth2(AdminTokens.admin()).header("x-verity-client-id", tenants.create("sa-admin").clientId())
                .get("/internal/v1/weights").then().statusCode(401);
        // and a service account token does not open the public API
        given().auth().oauth2(token("system:serviceaccount:verity:idv-service", "weights-service"))
                .get("/weights").then().statusCode(401);
    }

    @TestHTTPResource("/")
    URI service;

    @Inject
    ObjectMapper json;

    WeightsClient clientWithTokenFile(Path directory, String tokenForWeightsService) throws IOException {
        Files.writeString(directory.resolve("weights-service"), tokenForWeightsService + "\n");
        return new WeightsClient(new WeightsClient.Settings(service, Duration.ofSeconds(10), Duration.ofSeconds(1),
                Duration.ofSeconds(3), 1, Optional.empty()), new ServiceTokens(Optional.of(directory)), json,
                new SimpleMeterRegistry(), Clock.systemUTC());
    }

    @Test
    void theWeightsClientSendsItsProjectedTokenInsteadOfTheSharedOne(@TempDir Path directory) throws IOException {
        Tenant tenant = tenants.create("sa-client");
        WeightsResourceTest.update(tenant, WeightsResourceTest.weights(0.25).put("user_id", "projected"));

        WeightsClient client = clientWithTokenFile(directory,
                token("system:serviceaccount:verity:ida-service", "weights-service"));
        assertThat(client.weights(tenant.clientId(), "projected").id()).isNotNull();

        WeightsClient wrongAudience = clientWithTokenFile(directory,
                token("system:serviceaccount:verity:ida-service", "webhook-service"));
        assertThatThrownBy(() -> wrongAudience.weights(tenant.clientId(), "projected"))
                .isInstanceOf(WeightsUnavailableException.class).hasMessageContaining("401");
    }

    @Test
    void theLauncherSharedTokenStillWorksBesideIt() {
        Tenant tenant = tenants.create("sa-launcher");
        given().header("x-internal-token", "test-internal-token").header("x-verity-client-id", tenant.clientId())
                .get("/internal/v1/requirements?type_e=passport").then().statusCode(200);
    }
}
