package io.verity.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
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

    /** Every field of the Faceki sample (specs/004), by name; null only where Verity truly does not know it. */
    @Test
    void aBearerApiKeyGetsEveryFieldOfTheSpecSample() {
        TestTenants.Tenant tenant = tenants.create("faceki");
        Identity kit = identities.create(tenant.clientId(), "KIT", "HARINGTON", "kit-harington/kit-harington-1.jpg", true);
        var json = given().header("Authorization", "Bearer " + tenant.apiKey()).header("User-Agent", "PostmanRuntime/7.36.1")
                .multiPart("selfie", "selfie.jpg", SharedData.face("kit-harington/kit-harington-2.jpg"))
                .post("/api/v3/kyc_verification/search-by-face").then().statusCode(200)
                .body("appVersion", notNullValue())
                .body("result", hasSize(1)).extract().jsonPath();
        java.util.Map<String, Object> result = json.getMap("result[0]");
        assertThat(result).containsKeys("link", "record_identifier", "requestId", "document_data", "selfie_data", "warnings",
                "notes", "aml", "verification_summary", "document_data_confidence", "decision", "errorCodes", "deviceDetails",
                "createdAt", "updatedAt", "__v", "images", "face_id", "updateBy");
        java.util.Map<String, Object> doc = json.getMap("result[0].document_data[0]");
        assertThat(doc).containsKeys("reference", "full_name", "first_name", "local_name", "last_name", "middle_name",
                "nationality", "nationality_iso", "nationality_iso2", "issuer", "issuer_iso", "issuer_iso2", "gender", "dob",
                "age", "expiry", "expiryDay", "expiryMonth", "expiryYear", "issued", "issuedDay", "issuedMonth", "issuedYear",
                "documentAdditionalNumber", "document_number", "document_type", "document_type_full", "mrz",
                "document_face_match", "passed", "date_of_birth", "date_of_birth_day", "date_of_birth_month",
                "date_of_birth_year");
        // what Verity knows, with the spec's types (strings for dates and parts, ISO codes for the issuer)
        assertThat(doc.get("issuer_iso")).isInstanceOf(String.class).asString().hasSize(2);
        assertThat(doc.get("issuer_iso2")).isInstanceOf(String.class).asString().hasSize(3);
        assertThat(doc.get("document_type")).isEqualTo("D");
        assertThat(doc.get("document_type_full")).isEqualTo("Driving License");
        assertThat(doc.get("expiryYear")).isInstanceOf(String.class).asString().hasSize(4);
        assertThat(doc.get("date_of_birth_month")).isInstanceOf(String.class).asString().hasSize(2);
        assertThat(doc.get("dob")).isEqualTo(kit.birthDate.toString());
        assertThat(doc.get("passed")).isEqualTo(true);
        java.util.Map<String, Object> confidence = json.getMap("result[0].document_data_confidence[0]");
        assertThat(confidence).containsKeys("reference", "full_name", "nationality", "issuer_iso", "dob", "expiryDay",
                "issued", "placeOfBirth", "document_number", "personal_number", "document_type_full", "mrz", "date_of_birth_year");
        assertThat(confidence.get("full_name")).isEqualTo(1.0f);
        assertThat(confidence.get("mrz")).isEqualTo(0.0f);
        assertThat(json.getString("result[0].deviceDetails.useragent")).isEqualTo("PostmanRuntime/7.36.1");
        assertThat(json.getString("result[0].deviceDetails.detectResult.client.name")).isEqualTo("PostmanRuntime");
        assertThat(json.getString("result[0].deviceDetails.detectResult.client.version")).isEqualTo("7.36.1");
        assertThat(json.getMap("result[0].deviceDetails.detectResult.device")).containsKeys("id", "type", "brand", "model");
    }

    @Test
    void aBearerTokenThatIsNotAnApiKeyIsLeftToOidcAndRefused() {
        given().header("Authorization", "Bearer vty_aaaaaaaaaaaa.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
                .multiPart("selfie", "selfie.jpg", SharedData.face("kit-harington/kit-harington-2.jpg"))
                .post("/api/v3/kyc_verification/search-by-face").then().statusCode(401).body("code", equalTo("unauthenticated"));
        given().header("Authorization", "Bearer not-a-jwt-either")
                .multiPart("selfie", "selfie.jpg", SharedData.face("kit-harington/kit-harington-2.jpg"))
                .post("/api/v3/kyc_verification/search-by-face").then().statusCode(401);
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
