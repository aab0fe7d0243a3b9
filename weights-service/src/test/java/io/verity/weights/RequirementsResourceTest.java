package io.verity.weights;

import static io.restassured.RestAssured.given;
import static io.verity.weights.WeightsResourceTest.MAP;
import static io.verity.weights.WeightsResourceTest.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.verity.testsupport.AdminTokens;
import io.verity.testsupport.TestTenants;
import io.verity.testsupport.TestTenants.Tenant;
import jakarta.inject.Inject;
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
class RequirementsResourceTest {

    static final List<String> REQUIREMENTS_FIELDS = SpecFields.REQUIREMENTS;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    TestTenants tenants;

    static ObjectNode requirements(String type, String dataSource, boolean value) {
        ObjectNode body = JSON.createObjectNode().put("type_e", type).put("data_source_e", dataSource);
        SpecFields.REQUIREMENTS.forEach(field -> body.put(field, value));
        return body;
    }

    static Map<String, Object> update(Tenant tenant, ObjectNode body) {
        return as(tenant).contentType(ContentType.JSON).body(body.toString()).post("/requirements")
                .then().statusCode(200).extract().as(MAP);
    }

    /** The single entry answered for one type and data source. */
    static Map<String, Object> inForce(Tenant tenant, String query) {
        List<Map<String, Object>> entries = as(tenant).get("/requirements?" + query).then().statusCode(200)
                .extract().jsonPath().getList("requirements");
        assertThat(entries).hasSize(1);
        return entries.get(0);
    }

    @Test
    void defaultsDifferByDocumentType() {
        Tenant tenant = tenants.create("req-defaults");
        List<Map<String, Object>> all = as(tenant).get("/requirements").then().statusCode(200)
                .extract().jsonPath().getList("requirements");
        assertThat(all).extracting(entry -> entry.get("type_e")).containsExactlyElementsOf(SpecFields.DOCUMENT_TYPES);
        assertThat(all).extracting(entry -> entry.get("data_source_e")).containsOnly("unknown");
        assertThat(all).extracting(entry -> entry.get("user_id")).containsOnlyNulls();
        Map<String, Map<String, Object>> byType = new LinkedHashMap<>();
        all.forEach(entry -> byType.put((String) entry.get("type_e"), entry));

        // A US driver license has an address, a vehicle class and a PDF417 barcode; a passport has none of them.
        assertThat(byType.get("driver_license")).containsEntry("street_required", true)
                .containsEntry("postal_code_required", true).containsEntry("class_required", true)
                .containsEntry("raw_barcode_required", true).containsEntry("issuing_state_required", true);
        assertThat(byType.get("passport")).containsEntry("street_required", false)
                .containsEntry("postal_code_required", false).containsEntry("class_required", false)
                .containsEntry("raw_barcode_required", false).containsEntry("issuing_state_required", false)
                .containsEntry("document_number_required", true).containsEntry("issuing_country_required", true);
        // A state ID card is a driver license without the driving.
        assertThat(byType.get("identification_card")).containsEntry("street_required", true)
                .containsEntry("class_required", false);
        assertThat(byType.get("passport_card")).containsEntry("street_required", false)
                .containsEntry("face_encoding_required", true);
        assertThat(byType.get("unknown")).containsEntry("document_number_required", true)
                .containsEntry("street_required", false).containsEntry("gender_required", false);
        for (Map<String, Object> entry : all) {
            assertThat(entry.get("middle_name_required")).as("not everyone has a middle name").isEqualTo(false);
        }
    }

    @Test
    void updatesAreVersionsResolvedUserThenClientThenDefaults() {
        Tenant tenant = tenants.create("req-resolve");
        String query = "type_e=driver_license&data_source_e=barcode";
        Map<String, Object> defaults = inForce(tenant, query + "&user_id=dave");
        assertThat(defaults).containsEntry("class_required", true).containsEntry("user_id", null);

        Map<String, Object> clientWide = update(tenant, requirements("driver_license", "barcode", true)
                .put("class_required", false));
        assertThat(inForce(tenant, query + "&user_id=dave")).isEqualTo(clientWide);
        Map<String, Object> dave = update(tenant, requirements("driver_license", "barcode", false)
                .put("user_id", "dave"));
        assertThat(inForce(tenant, query + "&user_id=dave")).isEqualTo(dave);
        assertThat(inForce(tenant, query + "&user_id=erin")).isEqualTo(clientWide);

        // Another data source or document type keeps its defaults.
        assertThat(inForce(tenant, "type_e=driver_license&data_source_e=ocr")).containsEntry("class_required", true);
        assertThat(inForce(tenant, "type_e=passport&data_source_e=barcode")).containsEntry("street_required", false);

        for (Map<String, Object> version : List.of(defaults, clientWide, dave)) {
            assertThat(as(tenant).get("/requirements/{id}", version.get("id")).then().statusCode(200)
                    .extract().as(MAP)).isEqualTo(version);
        }
        Set<String> expected = new HashSet<>(SpecFields.REQUIREMENTS);
        expected.addAll(List.of("id", "client_id", "user_id", "type_e", "data_source_e", "created_at"));
        assertThat(dave.keySet()).isEqualTo(expected);
    }

    @ParameterizedTest
    @FieldSource("REQUIREMENTS_FIELDS")
    void everyInvalidValueIsAProblemNamingTheField(String field) {
        Tenant tenant = tenants.create("req-invalid");
        Map<String, Consumer<ObjectNode>> cases = new LinkedHashMap<>();
        cases.put("missing", body -> body.remove(field));
        cases.put("null", body -> body.putNull(field));
        cases.put("a string", body -> body.put(field, "true"));
        cases.put("a number", body -> body.put(field, 1));
        cases.forEach((name, breakIt) -> {
            ObjectNode body = requirements("passport", "mrz", true);
            breakIt.accept(body);
            Response response = as(tenant).contentType(ContentType.JSON).body(body.toString()).post("/requirements");
            assertThat(response.statusCode()).as("%s %s", field, name).isEqualTo(400);
            assertThat(response.jsonPath().getString("code")).as("%s %s", field, name).isEqualTo("invalid_field");
            assertThat(response.jsonPath().getString("field")).as("%s %s", field, name).isEqualTo(field);
        });
    }

    @Test
    void typeAndDataSourceAreChecked() {
        Tenant tenant = tenants.create("req-keys");
        Map<ObjectNode, String> bad = new LinkedHashMap<>();
        ObjectNode noType = requirements("passport", "mrz", true);
        noType.remove("type_e");
        bad.put(noType, "type_e");
        bad.put(requirements("Passport", "mrz", true), "type_e");
        bad.put(requirements("visa", "mrz", true), "type_e");
        ObjectNode noSource = requirements("passport", "mrz", true);
        noSource.remove("data_source_e");
        bad.put(noSource, "data_source_e");
        bad.put(requirements("passport", "Bar Code", true), "data_source_e");
        bad.put(requirements("passport", "x".repeat(65), true), "data_source_e");
        bad.forEach((body, field) -> as(tenant).contentType(ContentType.JSON).body(body.toString())
                .post("/requirements").then().statusCode(400).body("code", equalTo("invalid_field"))
                .body("field", equalTo(field)));

        as(tenant).get("/requirements?type_e=visa").then().statusCode(400).body("field", equalTo("type_e"));
        as(tenant).get("/requirements?data_source_e=NFC").then().statusCode(400).body("field", equalTo("data_source_e"));
        as(tenant).get("/requirements?type_e=passport").then().statusCode(200).body("requirements.size()", equalTo(1));
    }

    @Test
    void accessIsScopedToTheCallersClient() {
        Tenant owner = tenants.create("req-owner");
        Tenant other = tenants.create("req-other");
        Object id = update(owner, requirements("passport", "mrz", true)).get("id");

        as(other).get("/requirements/{id}", id).then().statusCode(404).body("code", equalTo("not_found"));
        as(other).get("/requirements?client_id={c}", owner.clientId()).then().statusCode(403)
                .body("code", equalTo("foreign_client"));
        as(other).contentType(ContentType.JSON)
                .body(requirements("passport", "mrz", false).put("client_id", owner.clientId().toString()).toString())
                .post("/requirements").then().statusCode(403);
        assertThat(inForce(owner, "type_e=passport&data_source_e=mrz")).containsEntry("id", id);

        String admin = AdminTokens.admin();
        given().auth().oauth2(admin).get("/requirements/{id}?client_id={c}", id, owner.clientId()).then()
                .statusCode(200).body("id", equalTo(id));
        given().auth().oauth2(admin).get("/requirements?client_id={c}", UUID.randomUUID()).then().statusCode(404);
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(requirements("passport", "mrz", false).put("client_id", other.clientId().toString()).toString())
                .post("/requirements").then().statusCode(200).body("client_id", equalTo(other.clientId().toString()));
        assertThat(inForce(other, "type_e=passport&data_source_e=mrz")).containsEntry("street_required", false)
                .containsEntry("document_number_required", false);
    }

    @Test
    void readsAnswerAnEntityTagAndHonourIfNoneMatch() {
        Tenant tenant = tenants.create("req-etag");
        String tag = as(tenant).get("/requirements").then().statusCode(200).extract().header("ETag");
        as(tenant).header("If-None-Match", tag).get("/requirements").then().statusCode(304).header("ETag", tag);
        // A different question has a different tag.
        String passportTag = as(tenant).get("/requirements?type_e=passport").then().extract().header("ETag");
        assertThat(passportTag).isNotEqualTo(tag);

        update(tenant, requirements("passport", "unknown", true));
        String changed = as(tenant).header("If-None-Match", tag).get("/requirements").then().statusCode(200)
                .extract().header("ETag");
        assertThat(changed).isNotEqualTo(tag);
        as(tenant).header("If-None-Match", changed).get("/requirements").then().statusCode(304);
    }
}
