package io.verity.weights;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.verity.testsupport.AdminTokens;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ClientAdminTest {

    @Inject
    AgroalDataSource dataSource;

    private static String admin() {
        return AdminTokens.admin();
    }

    private String createClient(String name) {
        return given().auth().oauth2(admin()).contentType(ContentType.JSON).body(Map.of("name", name))
                .post("/admin/clients").then().statusCode(201)
                .body("name", equalTo(name)).body("status", equalTo("active"))
                .extract().path("id");
    }

    private Map<String, Object> issueKey(String clientId) {
        return given().auth().oauth2(admin()).contentType(ContentType.JSON).body(Map.of("name", "gate cameras"))
                .post("/admin/clients/{id}/api-keys", clientId).then().statusCode(201)
                .body("key", matchesPattern("vty_[a-z2-7]{12}\\.[A-Za-z0-9_-]{43}"))
                .body("client_id", equalTo(clientId))
                .extract().as(Map.class);
    }

    @Test
    void anIssuedKeyWorksIsListedWithoutItsSecretAndStoredOnlyAsAHash() throws Exception {
        String clientId = createClient("acme-" + UUID.randomUUID());
        Map<String, Object> issued = issueKey(clientId);
        String key = (String) issued.get("key");

        given().header("x-api-key", key).get("/health").then().statusCode(200);

        given().auth().oauth2(admin()).get("/admin/clients/{id}/api-keys", clientId).then().statusCode(200)
                .body("api_keys.prefix", hasItem(issued.get("prefix")))
                .body("api_keys", everyItem(not(hasKey("key"))))
                .body("meta_counts.total", equalTo(1));

        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT key_hash FROM core.api_keys WHERE prefix = ?")) {
            s.setString(1, (String) issued.get("prefix"));
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                byte[] stored = rs.getBytes(1);
                assertThat(stored).hasSize(32).isNotEqualTo(key.getBytes());
                assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(key.substring(17));
            }
        }
    }

    @Test
    void aKeyRevokedThroughTheApiIsRefusedAtOnce() {
        String clientId = createClient("revoke-now-" + UUID.randomUUID());
        Map<String, Object> issued = issueKey(clientId);
        String key = (String) issued.get("key");
        given().header("x-api-key", key).get("/health").then().statusCode(200);

        given().auth().oauth2(admin()).delete("/admin/clients/{c}/api-keys/{k}", clientId, issued.get("id"))
                .then().statusCode(204);

        given().header("x-api-key", key).get("/health").then().statusCode(401)
                .contentType("application/problem+json").body("code", equalTo("unauthenticated"));
        given().auth().oauth2(admin()).get("/admin/clients/{id}/api-keys", clientId).then()
                .body("api_keys[0].revoked_at", notNullValue());
    }

    @Test
    void aKeyRevokedElsewhereIsRefusedWithinTheCacheTime() throws Exception {
        String clientId = createClient("revoke-elsewhere-" + UUID.randomUUID());
        Map<String, Object> issued = issueKey(clientId);
        String key = (String) issued.get("key");
        given().header("x-api-key", key).get("/health").then().statusCode(200);

        // Another replica revokes it: this instance only learns from the database once its cache entry expires (1 s here).
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("UPDATE core.api_keys SET revoked_at = now() WHERE prefix = ?")) {
            s.setString(1, (String) issued.get("prefix"));
            assertThat(s.executeUpdate()).isEqualTo(1);
        }
        Instant revoked = Instant.now();
        int status = 200;
        while (status == 200 && Duration.between(revoked, Instant.now()).toSeconds() < 5) {
            status = given().header("x-api-key", key).get("/health").then().extract().statusCode();
            Thread.sleep(100);
        }
        assertThat(status).isEqualTo(401);
        assertThat(Duration.between(revoked, Instant.now())).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void adminEndpointsRefuseNoTokenWrongRoleAndApiKeys() {
        given().get("/admin/clients").then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(AdminTokens.withRoles("user")).get("/admin/clients").then().statusCode(403)
                .contentType("application/problem+json");
        String clientId = createClient("keyholder-" + UUID.randomUUID());
        String key = (String) issueKey(clientId).get("key");
        given().header("x-api-key", key).get("/admin/clients").then().statusCode(403);
        given().header("x-api-key", key).contentType(ContentType.JSON).body(Map.of("name", "x"))
                .post("/admin/clients/{id}/api-keys", clientId).then().statusCode(403);
    }

    @Test
    void badInputGetsAProblemNamingTheField() {
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body(Map.of("name", "  "))
                .post("/admin/clients").then().statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("invalid_field"))
                .body("errors[0].field", equalTo("name"));
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body("{\"name\":")
                .post("/admin/clients").then().statusCode(400).body("code", equalTo("malformed_body"));
        given().auth().oauth2(admin()).get("/admin/clients?take=0").then().statusCode(400).body("field", equalTo("take"));
        String name = "dup-" + UUID.randomUUID();
        createClient(name);
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body(Map.of("name", name.toUpperCase()))
                .post("/admin/clients").then().statusCode(409).body("code", equalTo("client_exists"));
    }

    @Test
    void unknownClientsAndKeysAre404() {
        String clientId = createClient("lonely-" + UUID.randomUUID());
        String otherClient = createClient("other-" + UUID.randomUUID());
        Object otherKey = issueKey(otherClient).get("id");
        given().auth().oauth2(admin()).get("/admin/clients/{id}", UUID.randomUUID()).then().statusCode(404);
        given().auth().oauth2(admin()).get("/admin/clients/not-a-uuid").then().statusCode(404);
        // A key can only be revoked through the client that owns it.
        given().auth().oauth2(admin()).delete("/admin/clients/{c}/api-keys/{k}", clientId, otherKey).then().statusCode(404);
    }

    @Test
    void clientsArePaged() {
        for (int i = 0; i < 3; i++) {
            createClient("paged-" + i + "-" + UUID.randomUUID());
        }
        given().auth().oauth2(admin()).get("/admin/clients?take=2&skip=1").then().statusCode(200)
                .body("clients.size()", equalTo(2))
                .body("meta_counts.take", equalTo(2))
                .body("meta_counts.skip", equalTo(1))
                .body("meta_counts.response", equalTo(2))
                .body("meta_counts.total", org.hamcrest.Matchers.greaterThanOrEqualTo(3));
    }
}
