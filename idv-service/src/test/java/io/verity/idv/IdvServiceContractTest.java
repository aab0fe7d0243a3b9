package io.verity.idv;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.path.json.JsonPath;
import io.verity.testsupport.ServiceContractTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** idv-service starts against the migrated schema and keeps the contract every service shares. */
@QuarkusTest
// Declared once per module and global: every test of the module shares one PostgreSQL, the matcher, weights-service
// and one OIDC server.
@QuarkusTestResource(SuiteResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class IdvServiceContractTest extends ServiceContractTest {

    @Override
    protected String serviceName() {
        return "idv-service";
    }

    @Test
    void everySpecOperationIsInTheOpenApiDocumentOnceWithATypedAnswerAndASecurityRequirement() {
        JsonPath api = given().accept("application/json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
        Map<String, Map<String, Map<String, Object>>> paths = api.getMap("paths");
        List<String> ids = new ArrayList<>();
        paths.forEach((path, operations) -> operations.forEach((method, operation) -> {
            Object id = operation.get("operationId");
            if (id != null && path.startsWith("/v1/")) {
                ids.add(id.toString());
                assertThat(operation.get("security")).as(id + " security").isNotNull();
                @SuppressWarnings("unchecked")
                Map<String, Map<String, Object>> responses = (Map<String, Map<String, Object>>) operation.get("responses");
                assertThat(responses.get("200")).as(id + " 200").isNotNull();
                assertThat(responses.get("200").get("content")).as(id + " 200 content").isNotNull();
            }
        }));
        assertThat(ids).containsExactlyInAnyOrder("sessionCreate", "sessionList", "sessionRead", "sdkMetadataUpdate",
                "sdkLivenessSessionGenerate", "sdkLivenessSessionProcess", "sdkSessionRead", "sdkAddIdentityConsent",
                "sdkDocumentTypeUpdate", "sdkDocumentFrontImageAdd", "sdkDocumentBackImageAdd", "sdkIdvFinalization",
                "idvSessionLocationRead", "documentRead", "documentList", "documentDownload", "sessionTestRead",
                "sessionReview"); // Verity: an operator's decision on a session in review (the admin console)
        assertThat(api.getMap("components.securitySchemes")).containsKey("SdkClientId");
    }
}
