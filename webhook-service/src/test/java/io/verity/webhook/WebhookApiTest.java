package io.verity.webhook;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.verity.testsupport.TestTenants;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The endpoints API: the spec's create and list, the rest of the API, tenant isolation and URL checks. */
@QuarkusTest
class WebhookApiTest {

    static final Receiver RECEIVER = new Receiver();

    @Inject
    TestTenants tenants;

    @AfterAll
    static void stop() {
        RECEIVER.close();
    }

    static String create(String apiKey, String name, String url, List<String> types) {
        return given().header("x-api-key", apiKey).contentType(ContentType.JSON)
                .body(types == null ? Map.of("name", name, "url", url) : Map.of("name", name, "url", url, "event_types", types))
                .post("/webhooks").then().statusCode(200).extract().path("id");
    }

    @Test
    void createShowsTheSecretOnceAndListHasTheSpecsShape() {
        TestTenants.Tenant tenant = tenants.create("hooks");
        String id = given().header("x-api-key", tenant.apiKey()).contentType(ContentType.JSON)
                .body(Map.of("client_id", tenant.clientId().toString(), "name", "onboarding backend",
                        "url", RECEIVER.url("/a"), "event_types", List.of("idv.session.completed")))
                .post("/webhooks").then().statusCode(200)
                .body("secret", startsWith("whsec_"))
                .body("client_id", equalTo(tenant.clientId().toString()))
                .body("name", equalTo("onboarding backend"))
                .body("url", equalTo(RECEIVER.url("/a")))
                .body("event_types", contains("idv.session.completed"))
                .body("status", equalTo("enabled"))
                .extract().path("id");
        create(tenant.apiKey(), "gate cameras", RECEIVER.url("/b"), null);
        create(tenant.apiKey(), "audit", RECEIVER.url("/c"), null);

        given().header("x-api-key", tenant.apiKey()).get("/webhooks/" + id).then().statusCode(200)
                .body("id", equalTo(id)).body("secret", nullValue());

        given().header("x-api-key", tenant.apiKey()).contentType(ContentType.JSON)
                .body(Map.of("take", 2, "skip", 0)).post("/webhooks/list").then().statusCode(200)
                .body("webhooks.size()", equalTo(2))
                .body("webhooks[0].name", equalTo("audit"))
                .body("webhooks[0].secret", nullValue())
                .body("statistics.total_rows", equalTo(3))
                .body("statistics.current_page", equalTo(1))
                .body("statistics.total_pages", equalTo(2));
        given().header("x-api-key", tenant.apiKey()).contentType(ContentType.JSON)
                .body(Map.of("take", 2, "skip", 2)).post("/webhooks/list").then().statusCode(200)
                .body("webhooks.size()", equalTo(1))
                .body("statistics.current_page", equalTo(2));
        given().header("x-api-key", tenant.apiKey()).contentType(ContentType.JSON)
                .body(Map.of("search_term", "GATE")).post("/webhooks/list").then().statusCode(200)
                .body("webhooks.name", contains("gate cameras"))
                .body("statistics.total_rows", equalTo(1));
        given().header("x-api-key", tenant.apiKey()).contentType(ContentType.JSON)
                .body(Map.of("take", 500)).post("/webhooks/list").then().statusCode(400)
                .body("code", equalTo("invalid_field"));
    }

    @Test
    void updateDisableEnableAndDelete() {
        TestTenants.Tenant tenant = tenants.create("hooks");
        String id = create(tenant.apiKey(), "first", RECEIVER.url("/u"), null);
        given().header("x-api-key", tenant.apiKey()).contentType(ContentType.JSON)
                .body(Map.of("name", "renamed", "event_types", List.of("identification.matched")))
                .patch("/webhooks/" + id).then().statusCode(200)
                .body("name", equalTo("renamed"))
                .body("url", equalTo(RECEIVER.url("/u")))
                .body("event_types", contains("identification.matched"));
        given().header("x-api-key", tenant.apiKey()).post("/webhooks/" + id + "/disable").then().statusCode(200)
                .body("status", equalTo("disabled")).body("disabled_reason", equalTo("manual"));
        given().header("x-api-key", tenant.apiKey()).post("/webhooks/" + id + "/test").then().statusCode(409)
                .body("code", equalTo("endpoint_disabled"));
        given().header("x-api-key", tenant.apiKey()).post("/webhooks/" + id + "/enable").then().statusCode(200)
                .body("status", equalTo("enabled")).body("disabled_reason", nullValue());
        given().header("x-api-key", tenant.apiKey()).delete("/webhooks/" + id).then().statusCode(200)
                .body("id", equalTo(id));
        given().header("x-api-key", tenant.apiKey()).get("/webhooks/" + id).then().statusCode(404);
    }

    @Test
    void anotherClientsWebhooksAndDeliveriesAreInvisible() {
        TestTenants.Tenant owner = tenants.create("owner");
        TestTenants.Tenant other = tenants.create("other");
        String id = create(owner.apiKey(), "mine", RECEIVER.url("/mine"), null);
        String delivery = given().header("x-api-key", owner.apiKey()).post("/webhooks/" + id + "/test")
                .then().statusCode(202).extract().path("id");

        String key = other.apiKey();
        given().header("x-api-key", key).get("/webhooks/" + id).then().statusCode(404).body("code", equalTo("not_found"));
        given().header("x-api-key", key).contentType(ContentType.JSON).body(Map.of("name", "x"))
                .patch("/webhooks/" + id).then().statusCode(404);
        given().header("x-api-key", key).post("/webhooks/" + id + "/disable").then().statusCode(404);
        given().header("x-api-key", key).post("/webhooks/" + id + "/rotate-secret").then().statusCode(404);
        given().header("x-api-key", key).post("/webhooks/" + id + "/test").then().statusCode(404);
        given().header("x-api-key", key).get("/webhooks/" + id + "/deliveries").then().statusCode(404);
        given().header("x-api-key", key).post("/webhooks/" + id + "/deliveries/" + delivery + "/redeliver")
                .then().statusCode(404);
        given().header("x-api-key", key).delete("/webhooks/" + id).then().statusCode(404);
        given().header("x-api-key", key).contentType(ContentType.JSON).body(Map.of()).post("/webhooks/list")
                .then().statusCode(200).body("webhooks", empty()).body("statistics.total_rows", equalTo(0));
        // naming the other client is refused, not honoured
        given().header("x-api-key", key).contentType(ContentType.JSON)
                .body(Map.of("client_id", owner.clientId().toString())).post("/webhooks/list")
                .then().statusCode(403).body("code", equalTo("foreign_client"));
        given().header("x-api-key", owner.apiKey()).get("/webhooks/" + id).then().statusCode(200);
    }

    @Test
    void urlsThatResolveToPrivateAddressesAreRefused() {
        TestTenants.Tenant tenant = tenants.create("ssrf");
        for (String url : List.of(RECEIVER.urlByAddress("/x"), "http://10.0.0.5/hook", "http://169.254.169.254/latest",
                "http://[::1]:8080/")) {
            given().header("x-api-key", tenant.apiKey()).contentType(ContentType.JSON)
                    .body(Map.of("name", "bad", "url", url)).post("/webhooks").then().statusCode(422)
                    .contentType("application/problem+json")
                    .body("code", equalTo("url_not_fetchable"))
                    .body("field", equalTo("url"));
        }
        given().header("x-api-key", tenant.apiKey()).contentType(ContentType.JSON)
                .body(Map.of("name", "bad", "url", "file:///etc/passwd")).post("/webhooks").then().statusCode(422)
                .body("code", equalTo("url_not_fetchable"));
        String id = create(tenant.apiKey(), "good", RECEIVER.url("/ok"), null);
        given().header("x-api-key", tenant.apiKey()).contentType(ContentType.JSON)
                .body(Map.of("url", "http://192.168.1.10/hook")).patch("/webhooks/" + id).then().statusCode(422)
                .body("code", equalTo("url_not_fetchable"));
        given().header("x-api-key", tenant.apiKey()).contentType(ContentType.JSON).body(Map.of())
                .post("/webhooks/list").then().body("webhooks.url", not(hasItem("http://10.0.0.5/hook")));
    }

    @Test
    void badInputIsAClear4xx() {
        TestTenants.Tenant tenant = tenants.create("bad");
        given().header("x-api-key", tenant.apiKey()).contentType(ContentType.JSON).body(Map.of("url", RECEIVER.url("/n")))
                .post("/webhooks").then().statusCode(400).body("field", equalTo("name"));
        given().header("x-api-key", tenant.apiKey()).contentType(ContentType.JSON)
                .body(Map.of("name", "n", "url", RECEIVER.url("/n"), "event_types", List.of("idv.session.finished")))
                .post("/webhooks").then().statusCode(400).body("field", equalTo("event_types"));
        given().header("x-api-key", tenant.apiKey()).contentType(ContentType.JSON).body("{not json")
                .post("/webhooks").then().statusCode(400);
        given().header("x-api-key", tenant.apiKey()).get("/webhooks/not-a-uuid").then().statusCode(404);
        given().contentType(ContentType.JSON).body(Map.of()).post("/webhooks/list").then().statusCode(401);
        String id = create(tenant.apiKey(), "n", RECEIVER.url("/n"), null);
        given().header("x-api-key", tenant.apiKey()).contentType(ContentType.JSON)
                .body(Map.of("grace_period_seconds", 99999999)).post("/webhooks/" + id + "/rotate-secret")
                .then().statusCode(400).body("field", equalTo("grace_period_seconds"));
        given().header("x-api-key", tenant.apiKey()).get("/webhooks/" + id + "/deliveries?status=lost")
                .then().statusCode(400);
    }

    @Test
    void openApiNamesEveryOperationAndDocumentsTheEvents() {
        var doc = given().accept("application/json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
        List<String> ids = doc.getList("paths.collect { it.value.collect { it.value.operationId } }.flatten()");
        org.assertj.core.api.Assertions.assertThat(ids).contains("webhookCreate", "webhookList", "webhookRead",
                "webhookUpdate", "webhookDelete", "webhookEnable", "webhookDisable", "webhookRotateSecret",
                "webhookSendTest", "webhookDeliveryList", "webhookRedeliver");
        org.assertj.core.api.Assertions.assertThat(doc.getMap("webhooks")).containsKeys("idv.session.status_changed",
                "idv.session.completed", "identity.verified", "identification.matched", "identification.no_match",
                "ida.session.completed", "webhook.test");
        org.assertj.core.api.Assertions.assertThat(doc.getString(
                "paths.'/webhooks/list'.post.responses.'200'.content.'application/json'.schema.'$ref'"))
                .endsWith("WebhookList");
        org.assertj.core.api.Assertions.assertThat(doc.getMap("components.schemas")).containsKeys(
                "IdentificationMatchedEvent", "WebhookList", "WebhookWithSecret", "WebhookDelivery");
    }
}
