package io.verity.weights;

import static io.restassured.RestAssured.given;
import static io.verity.weights.WeightsResourceTest.as;
import static io.verity.weights.WeightsResourceTest.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.verity.testsupport.TestTenants;
import io.verity.testsupport.TestTenants.Tenant;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's tables of defaults and ranges, and the OpenAPI document, say what the service does. */
@QuarkusTest
class DefaultsDocumentationTest {

    /** {@code | `field` | meaning | min–max | default | source |} */
    private static final Pattern WEIGHTS_ROW = Pattern.compile(
            "\\| `([a-z_]+)` \\| [^|]+ \\| ([0-9.]+)–([0-9.]+) \\| ([0-9.]+) \\| [^|]+ \\|");
    /** {@code | `field` | yes | no | … |} */
    private static final Pattern REQUIREMENTS_ROW = Pattern.compile("\\| `([a-z_]+_required)` ((?:\\| (?:yes|no) )+)\\|");

    @Inject
    TestTenants tenants;

    record Documented(double minimum, double maximum, double byDefault) {
    }

    static String readme() throws IOException {
        return Files.readString(Path.of("README.md"));
    }

    @Test
    void theWeightsTableListsEveryFieldWithTheDefaultServedAndTheRangeEnforced() throws IOException {
        Map<String, Documented> documented = new LinkedHashMap<>();
        Matcher row = WEIGHTS_ROW.matcher(readme());
        while (row.find()) {
            documented.put(row.group(1), new Documented(Double.parseDouble(row.group(2)),
                    Double.parseDouble(row.group(3)), Double.parseDouble(row.group(4))));
        }
        assertThat(documented.keySet()).containsExactlyElementsOf(SpecFields.WEIGHTS);

        Tenant tenant = tenants.create("documented");
        Map<String, Object> served = read(tenant, "/weights");
        JsonPath openApi = given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .extract().jsonPath();
        documented.forEach((field, doc) -> {
            assertThat(((Number) served.get(field)).doubleValue()).as("default of %s", field).isEqualTo(doc.byDefault());
            assertThat(doc.minimum()).as("minimum of %s", field).isZero();
            assertThat(doc.maximum()).as("maximum of %s", field).isEqualTo(SpecFields.maximum(field));
            String property = "components.schemas.WeightValues.properties." + field;
            assertThat(openApi.getDouble(property + ".minimum")).as("OpenAPI minimum of %s", field).isEqualTo(doc.minimum());
            assertThat(openApi.getDouble(property + ".maximum")).as("OpenAPI maximum of %s", field).isEqualTo(doc.maximum());
            assertThat(openApi.getString(property + ".description")).as("OpenAPI description of %s", field).isNotBlank();
        });
        assertThat(openApi.getList("components.schemas.WeightValues.required"))
                .containsExactlyInAnyOrderElementsOf(SpecFields.WEIGHTS);
    }

    @Test
    void theRequirementsTableIsWhatEachDocumentTypeGetsByDefault() throws IOException {
        Map<String, List<Boolean>> documented = new LinkedHashMap<>();
        Matcher row = REQUIREMENTS_ROW.matcher(readme());
        while (row.find()) {
            documented.put(row.group(1), Pattern.compile("\\| ").splitAsStream(row.group(2).trim())
                    .filter(cell -> !cell.isBlank()).map(cell -> cell.strip().equals("yes")).toList());
        }
        assertThat(documented.keySet()).containsExactlyElementsOf(SpecFields.REQUIREMENTS);

        Tenant tenant = tenants.create("documented-requirements");
        List<Map<String, Object>> served = as(tenant).get("/requirements").then().statusCode(200)
                .extract().jsonPath().getList("requirements");
        // README columns are in the spec's enum order, as the service answers the five types.
        assertThat(served).extracting(entry -> entry.get("type_e")).containsExactlyElementsOf(SpecFields.DOCUMENT_TYPES);
        documented.forEach((field, perType) -> {
            assertThat(perType).as(field).hasSize(SpecFields.DOCUMENT_TYPES.size());
            for (int i = 0; i < perType.size(); i++) {
                assertThat(served.get(i).get(field)).as("%s of %s", field, SpecFields.DOCUMENT_TYPES.get(i))
                        .isEqualTo(perType.get(i));
            }
        });
    }

    @Test
    void everyEndpointDeclaresItsSecurity() {
        JsonPath openApi = given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .extract().jsonPath();
        for (String path : List.of("/weights", "/weights/{id}", "/requirements", "/requirements/{id}")) {
            Map<String, Map<String, Object>> operations = openApi.getMap("paths.'" + path + "'");
            operations.forEach((method, operation) -> {
                if (method.equals("parameters")) {
                    return;
                }
                assertThat(operation.get("security").toString()).as("%s %s", method, path)
                        .contains("ApiKeyAuth").contains("AdminBearer");
            });
        }
        for (String path : List.of("/internal/v1/weights", "/internal/v1/weights/{id}", "/internal/v1/requirements")) {
            assertThat(openApi.getString("paths.'" + path + "'.get.security")).as(path).contains("InternalToken");
        }
        assertThat(openApi.getMap("components.schemas.Weights.properties")).containsKeys("id", "client_id",
                "user_id", "created_at", "onboarding_face_encoding_tolerance");
        assertThat(openApi.getList("components.schemas.DocumentType.enum"))
                .containsExactlyElementsOf(SpecFields.DOCUMENT_TYPES);
    }
}
