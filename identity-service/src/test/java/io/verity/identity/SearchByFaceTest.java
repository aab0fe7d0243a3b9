package io.verity.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

import io.quarkus.test.junit.QuarkusTest;
import io.verity.platform.identities.Identity;
import io.verity.testsupport.SharedData;
import io.verity.testsupport.TestTenants;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** Faceki's search-by-face: a selfie against the client's verified identities. */
@QuarkusTest
class SearchByFaceTest {

    @Inject
    TestTenants tenants;

    @Inject
    TestIdentities identities;

    @Test
    void findsTheVerifiedIdentityOfTheSelfieBestFirstAndNobodyElse() {
        TestTenants.Tenant tenant = tenants.create("kyc");
        Identity obama = identities.create(tenant.clientId(), "BARACK", "OBAMA", "obama/obama-1.jpg", true);
        identities.create(tenant.clientId(), "JOSEPH", "BIDEN", "biden/biden-1.jpg", true);

        given().header("x-api-key", tenant.apiKey()).multiPart("selfie", "selfie.jpg", SharedData.face("obama/obama-4.jpg"))
                .post("/api/v3/kyc_verification/search-by-face").then().statusCode(200)
                .body("status", equalTo(true))
                .body("code", equalTo(200))
                .body("message", equalTo("OK"))
                .body("result", hasSize(1))
                .body("result[0].record_identifier", equalTo(obama.id.toString()))
                .body("result[0].document_data[0].full_name", equalTo("BARACK OBAMA"))
                .body("result[0].document_data[0].document_number", equalTo(obama.documentNumber))
                .body("result[0].document_data[0].document_face_match.similarity", greaterThan(36f))
                .body("result[0].document_data[0].document_face_match.similarity", lessThanOrEqualTo(100f))
                .body("result[0].document_data[0].document_face_match.confidence", greaterThan(50f))
                .body("result[0].verification_summary.face_verified", equalTo(true))
                .body("result[0].verification_summary.document_verified", equalTo(true))
                .body("result[0].decision", equalTo("ACCEPTED"))
                .body("result[0].selfie_data.liveness_pass", equalTo(true));

        given().header("x-api-key", tenant.apiKey()).multiPart("selfie", "selfie.jpg", SharedData.face("kit-harington/kit-harington-1.jpg"))
                .post("/api/v3/kyc_verification/search-by-face").then().statusCode(200).body("result", empty());
    }

    @Test
    void anotherClientsIdentitiesAreNeverFound() {
        TestTenants.Tenant owner = tenants.create("owner");
        identities.create(owner.clientId(), "ROSE", "LESLIE", "rose-leslie/rose-leslie-1.jpg", true);
        String stranger = tenants.create("stranger").apiKey();
        given().header("x-api-key", stranger).multiPart("selfie", "selfie.jpg", SharedData.face("rose-leslie/rose-leslie-2.jpg"))
                .post("/api/v3/kyc_verification/search-by-face").then().statusCode(200).body("result", empty());
    }

    @Test
    void aSelfieWithoutAFaceOrWithoutAFileIsRefused() {
        String key = tenants.create("careless").apiKey();
        given().header("x-api-key", key).multiPart("selfie", "selfie.jpg", "not an image".getBytes())
                .post("/api/v3/kyc_verification/search-by-face").then().statusCode(415).body("code", equalTo("unsupported_format"));
        given().header("x-api-key", key).multiPart("other", "x")
                .post("/api/v3/kyc_verification/search-by-face").then().statusCode(400).body("field", equalTo("selfie"));
    }
}
