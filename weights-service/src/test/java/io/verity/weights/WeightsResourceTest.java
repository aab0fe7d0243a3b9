package io.verity.weights;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.common.mapper.TypeRef;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.verity.testsupport.AdminTokens;
import io.verity.testsupport.TestTenants;
import io.verity.testsupport.TestTenants.Tenant;
import io.verity.weights.domain.SystemDefaults;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

@QuarkusTest
class WeightsResourceTest {

    static final List<String> WEIGHTS_FIELDS = SpecFields.WEIGHTS;
    static final TypeRef<Map<String, Object>> MAP = new TypeRef<>() {
    };
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    TestTenants tenants;

    static ObjectNode weights(double value) {
        ObjectNode body = JSON.createObjectNode();
        SpecFields.WEIGHTS.forEach(field -> body.put(field, value));
        return body;
    }

    static RequestSpecification as(Tenant tenant) {
        return given().header("x-api-key", tenant.apiKey());
    }

    static Map<String, Object> update(Tenant tenant, ObjectNode body) {
        return as(tenant).contentType(ContentType.JSON).body(body.toString()).post("/weights")
                .then().statusCode(200).extract().as(MAP);
    }

    static Map<String, Object> read(Tenant tenant, String path) {
        return as(tenant).get(path).then().statusCode(200).extract().as(MAP);
    }

    @Test
    void updatingTwiceKeepsEachVersionReadableUnchanged() {
        Tenant tenant = tenants.create("history");
        Map<String, Object> first = update(tenant, weights(0.5));
        Map<String, Object> second = update(tenant, weights(0.25).put("age_tolerance", 40));

        assertThat(first.get("id")).isNotEqualTo(second.get("id"));
        assertThat(first).containsEntry("onboarding_face_encoding_tolerance", 0.5)
                .containsEntry("client_id", tenant.clientId().toString()).containsEntry("user_id", null);
        assertThat(second).containsEntry("onboarding_face_encoding_tolerance", 0.25)
                .containsEntry("age_tolerance", 40.0);
        assertThat(read(tenant, "/weights/" + first.get("id"))).isEqualTo(first);
        assertThat(read(tenant, "/weights/" + second.get("id"))).isEqualTo(second);
        assertThat(read(tenant, "/weights")).isEqualTo(second);
    }

    @Test
    void theVersionsAreListedNewestFirstPagedAndOnlyTheClientsOwn() {
        Tenant tenant = tenants.create("versions");
        Tenant other = tenants.create("versions-other");
        Map<String, Object> defaults = read(tenant, "/weights");
        Map<String, Object> first = update(tenant, weights(0.5));
        Map<String, Object> alice = update(tenant, weights(0.3).put("user_id", "alice"));
        update(other, weights(0.4));

        var all = as(tenant).get("/weights/versions").then().statusCode(200).extract().jsonPath();
        assertThat(all.getList("versions.id")).containsExactly(alice.get("id"), first.get("id"), defaults.get("id"));
        assertThat(all.getList("versions.origin")).containsExactly("update", "update", "system_default");
        assertThat(all.getList("versions.user_id")).containsExactly("alice", null, null);
        assertThat(all.getList("versions.created_by", String.class)).last().isEqualTo("system");
        assertThat(all.getList("versions.created_by", String.class)).first().asString().isNotBlank();
        assertThat(all.getInt("meta_counts.total")).isEqualTo(3);

        var page = as(tenant).get("/weights/versions?take=1&skip=1").then().statusCode(200).extract().jsonPath();
        assertThat(page.getList("versions.id")).containsExactly(first.get("id"));
        assertThat(page.getInt("meta_counts.total")).isEqualTo(3);
        assertThat(as(tenant).get("/weights/versions?user_id=alice").then().statusCode(200).extract().jsonPath()
                .getList("versions.id")).containsExactly(alice.get("id"));
        // another client's id is refused; the other client sees only its own
        as(tenant).get("/weights/versions?client_id=" + other.clientId()).then().statusCode(403);
        assertThat(as(other).get("/weights/versions").then().statusCode(200).extract().jsonPath()
                .getList("versions.id")).doesNotContain(first.get("id"), alice.get("id"), defaults.get("id"));
        as(tenant).get("/weights/versions?take=0").then().statusCode(400);
    }

    @Test
    void effectiveWeightsResolveUserThenClientThenSystemDefaults() {
        Tenant tenant = tenants.create("resolve");
        Map<String, Object> defaults = read(tenant, "/weights?user_id=alice");
        assertThat(defaults).containsEntry("user_id", null)
                .containsEntry("onboarding_face_encoding_tolerance", SystemDefaults.FACE_ENCODING_TOLERANCE);
        // The defaults are recorded once for the client: every reader gets the same version id.
        assertThat(read(tenant, "/weights")).isEqualTo(defaults);
        assertThat(read(tenant, "/weights?user_id=bob")).isEqualTo(defaults);

        Map<String, Object> clientWide = update(tenant, weights(0.5));
        assertThat(read(tenant, "/weights?user_id=alice")).isEqualTo(clientWide);

        Map<String, Object> alice = update(tenant, weights(0.3).put("user_id", "alice"));
        assertThat(alice).containsEntry("user_id", "alice");
        assertThat(read(tenant, "/weights?user_id=alice")).isEqualTo(alice);
        assertThat(read(tenant, "/weights?user_id=bob")).isEqualTo(clientWide);
        assertThat(read(tenant, "/weights")).isEqualTo(clientWide);

        Map<String, Object> clientWideAgain = update(tenant, weights(0.6));
        assertThat(read(tenant, "/weights?user_id=alice")).isEqualTo(alice);
        assertThat(read(tenant, "/weights?user_id=bob")).isEqualTo(clientWideAgain);
        assertThat(read(tenant, "/weights/" + defaults.get("id"))).isEqualTo(defaults);
    }

    @Test
    void answersCarryTheSpecFieldsPlusTheVersion() {
        Tenant tenant = tenants.create("shape");
        Set<String> expected = new HashSet<>(SpecFields.WEIGHTS);
        expected.addAll(List.of("id", "client_id", "user_id", "created_at"));
        assertThat(read(tenant, "/weights").keySet()).isEqualTo(expected);
        assertThat(update(tenant, weights(0.5)).keySet()).isEqualTo(expected);
    }

    @ParameterizedTest
    @FieldSource("WEIGHTS_FIELDS")
    void everyInvalidValueIsAProblemNamingTheField(String field) {
        Tenant tenant = tenants.create("invalid");
        Map<String, Consumer<ObjectNode>> cases = new LinkedHashMap<>();
        cases.put("missing", body -> body.remove(field));
        cases.put("null", body -> body.putNull(field));
        cases.put("a numeric string", body -> body.put(field, "0.5"));
        cases.put("a boolean", body -> body.put(field, true));
        cases.put("the string NaN", body -> body.put(field, "NaN"));
        cases.put("too large for a double", body -> body.put(field, new BigDecimal("1e999")));
        cases.put("below its range", body -> body.put(field, -0.001));
        cases.put("above its range", body -> body.put(field, SpecFields.maximum(field) + 0.001));
        cases.forEach((name, breakIt) -> {
            ObjectNode body = weights(0.5);
            breakIt.accept(body);
            Response response = as(tenant).contentType(ContentType.JSON).body(body.toString()).post("/weights");
            assertThat(response.statusCode()).as("%s %s", field, name).isEqualTo(400);
            assertThat(response.contentType()).as("%s %s", field, name).startsWith("application/problem+json");
            assertThat(response.jsonPath().getString("code")).as("%s %s", field, name).isEqualTo("invalid_field");
            assertThat(response.jsonPath().getString("field")).as("%s %s", field, name).isEqualTo(field);
        });
        assertThat(read(tenant, "/weights")).as("nothing was written")
                .containsEntry("onboarding_face_encoding_tolerance", SystemDefaults.FACE_ENCODING_TOLERANCE);
    }

    @Test
    void theEndsOfEveryRangeAreAccepted() {
        Tenant tenant = tenants.create("ranges");
        Map<String, Object> lowest = update(tenant, weights(0));
        ObjectNode highest = JSON.createObjectNode();
        SpecFields.WEIGHTS.forEach(field -> highest.put(field, SpecFields.maximum(field)));
        Map<String, Object> written = update(tenant, highest);
        assertThat(lowest).containsEntry("idv_session_tolerance", 0.0);
        assertThat(written).containsEntry("age_tolerance", 100.0).containsEntry("direction_tolerance", 90.0)
                .containsEntry("gender_weight", 1.0);
    }

    @Test
    void malformedIdsAndBodiesAreProblems() {
        Tenant tenant = tenants.create("malformed");
        Map<Object, String> badBodies = new LinkedHashMap<>();
        badBodies.put(weights(0.5).put("client_id", "acme"), "client_id");
        badBodies.put(weights(0.5).put("client_id", 42), "client_id");
        badBodies.put(weights(0.5).put("user_id", ""), "user_id");
        badBodies.put(weights(0.5).put("user_id", "   "), "user_id");
        badBodies.put(weights(0.5).put("user_id", "u".repeat(201)), "user_id");
        badBodies.put(weights(0.5).put("user_id", 7), "user_id");
        badBodies.forEach((body, field) -> as(tenant).contentType(ContentType.JSON).body(body.toString())
                .post("/weights").then().statusCode(400).body("code", equalTo("invalid_field")).body("field", equalTo(field)));

        as(tenant).get("/weights?client_id=acme").then().statusCode(400).body("field", equalTo("client_id"));
        as(tenant).queryParam("user_id", " ").get("/weights").then().statusCode(400).body("field", equalTo("user_id"));
        // An empty query parameter counts as absent.
        as(tenant).queryParam("user_id", "").get("/weights").then().statusCode(200).body("user_id", nullValue());
        for (String body : List.of("[]", "{\"onboarding", "\"text\"")) {
            as(tenant).contentType(ContentType.JSON).body(body).post("/weights").then().statusCode(400)
                    .contentType("application/problem+json").body("code", equalTo("malformed_body"));
        }
    }

    @Test
    void anotherClientsVersionIsNotFound() {
        Tenant owner = tenants.create("owner");
        Tenant other = tenants.create("other");
        Object id = update(owner, weights(0.5)).get("id");

        as(other).get("/weights/{id}", id).then().statusCode(404).contentType("application/problem+json")
                .body("code", equalTo("not_found"));
        as(other).get("/weights/{id}", UUID.randomUUID()).then().statusCode(404);
        as(other).get("/weights/not-a-version").then().statusCode(404);
        given().auth().oauth2(AdminTokens.admin()).get("/weights/{id}?client_id={c}", id, other.clientId())
                .then().statusCode(404);
        given().auth().oauth2(AdminTokens.admin()).get("/weights/{id}?client_id={c}", id, owner.clientId())
                .then().statusCode(200).body("id", equalTo(id));
    }

    @Test
    void anApiKeyActsForItsOwnClientOnly() {
        Tenant mine = tenants.create("mine");
        Tenant theirs = tenants.create("theirs");
        Object theirDefaults = read(theirs, "/weights").get("id");

        as(mine).get("/weights?client_id={c}", theirs.clientId()).then().statusCode(403)
                .contentType("application/problem+json").body("code", equalTo("foreign_client"))
                .body("field", equalTo("client_id"));
        as(mine).contentType(ContentType.JSON).body(weights(0.1).put("client_id", theirs.clientId().toString()).toString())
                .post("/weights").then().statusCode(403).body("code", equalTo("foreign_client"));
        as(mine).get("/weights/{id}?client_id={c}", theirDefaults, theirs.clientId()).then().statusCode(403);
        assertThat(read(theirs, "/weights").get("id")).as("nothing was written for them").isEqualTo(theirDefaults);

        // Naming its own client is allowed.
        as(mine).get("/weights?client_id={c}", mine.clientId()).then().statusCode(200)
                .body("client_id", equalTo(mine.clientId().toString()));
        given().get("/weights").then().statusCode(401).contentType("application/problem+json");
        given().header("x-internal-token", "test-internal-token").header("x-verity-client-id", mine.clientId())
                .get("/weights").then().statusCode(401);
    }

    @Test
    void administratorsNameTheClientTheyActFor() {
        Tenant tenant = tenants.create("administered");
        String admin = AdminTokens.admin();
        given().auth().oauth2(admin).get("/weights").then().statusCode(400).body("code", equalTo("client_id_required"));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(weights(0.5).toString()).post("/weights")
                .then().statusCode(400).body("code", equalTo("client_id_required"));
        given().auth().oauth2(admin).get("/weights?client_id={c}", UUID.randomUUID()).then().statusCode(404);
        given().auth().oauth2(AdminTokens.withRoles("viewer")).get("/weights?client_id={c}", tenant.clientId())
                .then().statusCode(403);

        Object id = given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(weights(0.45).put("client_id", tenant.clientId().toString()).put("user_id", "carol").toString())
                .post("/weights").then().statusCode(200)
                .body("client_id", equalTo(tenant.clientId().toString())).body("user_id", equalTo("carol"))
                .extract().path("id");
        assertThat(read(tenant, "/weights?user_id=carol")).containsEntry("id", id);
        given().auth().oauth2(admin).get("/weights?client_id={c}&user_id=carol", tenant.clientId()).then()
                .statusCode(200).body("id", equalTo(id));
    }

    @Test
    void readsAnswerAnEntityTagAndHonourIfNoneMatch() {
        Tenant tenant = tenants.create("etag");
        Response first = as(tenant).get("/weights");
        String tag = first.header("ETag");
        assertThat(tag).isEqualTo("\"" + first.jsonPath().getString("id") + "\"");
        assertThat(first.header("Cache-Control")).contains("no-cache");

        as(tenant).header("If-None-Match", tag).get("/weights").then().statusCode(304)
                .header("ETag", tag).body(equalTo(""));
        as(tenant).header("If-None-Match", "\"something-else\", " + tag).get("/weights").then().statusCode(304);
        as(tenant).header("If-None-Match", "\"something-else\"").get("/weights").then().statusCode(200);

        String newId = (String) update(tenant, weights(0.5)).get("id");
        as(tenant).header("If-None-Match", tag).get("/weights").then().statusCode(200)
                .header("ETag", "\"" + newId + "\"").body("id", equalTo(newId));
        as(tenant).header("If-None-Match", "\"" + newId + "\"").get("/weights/{id}", newId).then().statusCode(304);
        as(tenant).get("/weights/{id}", newId).then().statusCode(200).header("Cache-Control", equalTo(
                "private, max-age=86400, immutable")).body("user_id", nullValue());
    }
}
