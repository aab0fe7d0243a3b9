package io.verity.webhook;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.verity.testsupport.TestTenants;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Deliveries to a real local receiver, checked with the reference Standard Webhooks library (node). */
@QuarkusTest
class DeliveryTest {

    static final Receiver RECEIVER = new Receiver();
    static final Duration WAIT = Duration.ofSeconds(20);
    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    TestTenants tenants;

    @AfterAll
    static void stop() {
        RECEIVER.close();
    }

    record Created(String id, String secret) {
    }

    static Created create(TestTenants.Tenant tenant, String path, List<String> types) {
        return create(RECEIVER, tenant, path, types);
    }

    static Created create(Receiver receiver, TestTenants.Tenant tenant, String path, List<String> types) {
        JsonPath created = given().header("x-api-key", tenant.apiKey()).contentType(ContentType.JSON)
                .body(types == null ? Map.of("name", path, "url", receiver.url(path))
                        : Map.of("name", path, "url", receiver.url(path), "event_types", types))
                .post("/webhooks").then().statusCode(200).extract().jsonPath();
        return new Created(created.getString("id"), created.getString("secret"));
    }

    static JsonPath deliveries(TestTenants.Tenant tenant, String endpointId) {
        return given().header("x-api-key", tenant.apiKey()).get("/webhooks/" + endpointId + "/deliveries")
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    void signedDeliveriesPassTheReferenceVerifierAndFollowTheFilter() throws Exception {
        TestTenants.Tenant tenant = tenants.create("signed");
        TestTenants.Tenant stranger = tenants.create("stranger");
        Created all = create(tenant, "/all", null);
        Created gates = create(tenant, "/gates", List.of("identification.matched"));
        create(stranger, "/stranger", null);
        UUID session = UUID.randomUUID();
        UUID match = UUID.randomUUID();
        Events.publish(tenant.clientId(), List.of(
                Events.event(session, "idv.session.completed", Map.of("session_id", "s-1", "verified", true)),
                Events.event(match, "identification.matched", Map.of("attendee_id", "a-1", "similarity", 0.71))))
                .then().statusCode(200).body("accepted", equalTo(2)).body("deliveries", equalTo(3));

        Events.await(WAIT, "3 deliveries", () -> RECEIVER.received("/all").size() == 2 && RECEIVER.received("/gates").size() == 1);
        List<Receiver.Request> toAll = RECEIVER.received("/all");
        List<String> verdicts = StandardWebhooksVerifier.verify(toAll.stream()
                .map(r -> new StandardWebhooksVerifier.Item(all.secret(), r.standardHeaders(), r.body())).toList());
        assertThat(verdicts).containsOnlyNulls();
        assertThat(StandardWebhooksVerifier.verify(gates.secret(), RECEIVER.received("/gates").get(0))).isNull();
        // the verifier can say no: another secret, or one changed byte
        assertThat(StandardWebhooksVerifier.verify(gates.secret(), toAll.get(0))).isNotNull();
        Receiver.Request first = toAll.get(0);
        assertThat(StandardWebhooksVerifier.verify(List.of(new StandardWebhooksVerifier.Item(all.secret(),
                first.standardHeaders(), first.body().replace("\"client_id\"", "\"client_iD\""))))).doesNotContainNull();

        for (Receiver.Request request : toAll) {
            JsonNode body = JSON.readTree(request.body());
            assertThat(body.get("id").asText()).isEqualTo(request.header("webhook-id"));
            assertThat(body.get("client_id").asText()).isEqualTo(tenant.clientId().toString());
            assertThat(body.get("timestamp").asText()).endsWith("Z");
            assertThat(request.header("content-type")).startsWith("application/json");
        }
        assertThat(toAll.stream().map(r -> r.header("webhook-id")).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(session.toString(), match.toString());
        JsonNode gate = JSON.readTree(RECEIVER.received("/gates").get(0).body());
        assertThat(gate.get("type").asText()).isEqualTo("identification.matched");
        assertThat(gate.at("/data/similarity").asDouble()).isEqualTo(0.71);
        Thread.sleep(300);
        assertThat(RECEIVER.received("/stranger")).isEmpty();
        deliveries(tenant, all.id()).getList("deliveries.status").forEach(s -> assertThat(s).isEqualTo("succeeded"));
    }

    @Test
    void aReceiverThatFailsTwiceGetsTheEventOnTheThirdAttempt() {
        TestTenants.Tenant tenant = tenants.create("retry");
        Created flaky = create(tenant, "/flaky", null);
        RECEIVER.script("/flaky", 503, 500);
        UUID event = Events.publish(tenant.clientId(), "idv.session.completed", 1).get(0);

        Events.await(WAIT, "a third attempt", () -> RECEIVER.received("/flaky").size() == 3);
        List<Receiver.Request> attempts = RECEIVER.received("/flaky");
        assertThat(attempts).extracting(r -> r.header("webhook-id")).containsOnly(event.toString());
        assertThat(attempts).extracting(Receiver.Request::body).containsOnly(attempts.get(0).body());
        assertThat(StandardWebhooksVerifier.verify(flaky.secret(), attempts.get(2))).isNull();
        Events.await(WAIT, "the delivery recorded", () -> "succeeded".equals(
                deliveries(tenant, flaky.id()).getString("deliveries[0].status")));
        given().header("x-api-key", tenant.apiKey()).get("/webhooks/" + flaky.id() + "/deliveries").then()
                .statusCode(200)
                .body("deliveries[0].event_id", equalTo(event.toString()))
                .body("deliveries[0].event_type", equalTo("idv.session.completed"))
                .body("deliveries[0].attempt_count", equalTo(3))
                .body("deliveries[0].attempts.status_code", contains(503, 500, 204))
                .body("deliveries[0].attempts.succeeded", contains(false, false, true))
                .body("deliveries[0].attempts[0].response_excerpt", equalTo("answer 503"))
                .body("deliveries[0].attempts[0].latency_ms", greaterThanOrEqualTo(0))
                .body("deliveries[0].delivered_at", notNullValue())
                .body("statistics.total_rows", equalTo(1));
    }

    @Test
    void a410DisablesTheEndpointAndTheClientSeesWhy() {
        TestTenants.Tenant tenant = tenants.create("gone");
        Created gone = create(tenant, "/gone", null);
        RECEIVER.script("/gone", 410);
        Events.publish(tenant.clientId(), "identity.verified", 1);
        Events.await(WAIT, "the endpoint disabled", () -> "disabled".equals(given().header("x-api-key", tenant.apiKey())
                .get("/webhooks/" + gone.id()).then().extract().path("status")));
        given().header("x-api-key", tenant.apiKey()).get("/webhooks/" + gone.id()).then()
                .body("disabled_reason", equalTo("gone"))
                .body("disabled_detail", startsWith("the receiver answered 410"));
        assertThat(deliveries(tenant, gone.id()).getString("deliveries[0].status")).isEqualTo("failed");
        Events.publish(tenant.clientId(), "identity.verified", 1);
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        assertThat(RECEIVER.received("/gone")).hasSize(1);
    }

    @Test
    void aRotatedSecretSignsAlongsideTheOldOneDuringTheGracePeriod() {
        TestTenants.Tenant tenant = tenants.create("rotate");
        Created endpoint = create(tenant, "/rotate", null);
        String newSecret = given().header("x-api-key", tenant.apiKey()).contentType(ContentType.JSON)
                .body(Map.of("grace_period_seconds", 3600)).post("/webhooks/" + endpoint.id() + "/rotate-secret")
                .then().statusCode(200).body("previous_secret_expires_at", notNullValue())
                .extract().path("secret");
        assertThat(newSecret).startsWith("whsec_").isNotEqualTo(endpoint.secret());
        Events.publish(tenant.clientId(), "idv.session.status_changed", 1);
        Events.await(WAIT, "a delivery", () -> RECEIVER.received("/rotate").size() == 1);
        Receiver.Request during = RECEIVER.received("/rotate").get(0);
        assertThat(during.header("webhook-signature").split(" ")).hasSize(2);
        assertThat(StandardWebhooksVerifier.verify(endpoint.secret(), during)).isNull();
        assertThat(StandardWebhooksVerifier.verify(newSecret, during)).isNull();

        // without grace the old secret stops signing at once
        String newest = given().header("x-api-key", tenant.apiKey()).contentType(ContentType.JSON)
                .body(Map.of("grace_period_seconds", 0)).post("/webhooks/" + endpoint.id() + "/rotate-secret")
                .then().statusCode(200).extract().path("secret");
        Events.publish(tenant.clientId(), "idv.session.status_changed", 1);
        Events.await(WAIT, "a second delivery", () -> RECEIVER.received("/rotate").size() == 2);
        Receiver.Request after = RECEIVER.received("/rotate").get(1);
        assertThat(StandardWebhooksVerifier.verify(newest, after)).isNull();
        assertThat(StandardWebhooksVerifier.verify(newSecret, after)).isNotNull();
        assertThat(StandardWebhooksVerifier.verify(endpoint.secret(), after)).isNotNull();
    }

    @Test
    void intakeIsIdempotentOnTheEventId() throws InterruptedException {
        TestTenants.Tenant tenant = tenants.create("idempotent");
        create(tenant, "/once", null);
        Map<String, Object> event = Events.event(UUID.randomUUID(), "idv.session.completed", Map.of("session_id", "s"));
        Events.publish(tenant.clientId(), List.of(event)).then().statusCode(200).body("accepted", equalTo(1));
        Events.publish(tenant.clientId(), List.of(event)).then().statusCode(200)
                .body("accepted", equalTo(0)).body("duplicates", equalTo(1)).body("deliveries", equalTo(0));
        Events.await(WAIT, "the delivery", () -> RECEIVER.received("/once").size() == 1);
        Thread.sleep(500);
        assertThat(RECEIVER.received("/once")).hasSize(1);
    }

    @Test
    void aSessionsOwnWebhookUrlReceivesItsEvents() {
        TestTenants.Tenant tenant = tenants.create("session");
        // registered with a filter that does not name the type: the session's URL gets its events anyway, once
        Created registered = create(tenant, "/session-registered", List.of("webhook.test"));
        Events.publish(tenant.clientId(), List.of(Events.event(UUID.randomUUID(), "idv.session.completed",
                Map.of("session_id", "s-1", "webhook_url", RECEIVER.url("/session-registered"))))).then().statusCode(200);
        Events.await(WAIT, "the session's delivery", () -> RECEIVER.received("/session-registered").size() == 1);
        assertThat(StandardWebhooksVerifier.verify(registered.secret(), RECEIVER.received("/session-registered").get(0)))
                .isNull();

        // an unregistered URL gets an endpoint of origin "session"; a rotation hands its secret to the client
        Events.publish(tenant.clientId(), List.of(Events.event(UUID.randomUUID(), "idv.session.status_changed",
                Map.of("session_id", "s-2", "webhook_url", RECEIVER.url("/session-only"))))).then().statusCode(200);
        Events.await(WAIT, "the session's delivery", () -> RECEIVER.received("/session-only").size() == 1);
        JsonPath list = given().header("x-api-key", tenant.apiKey()).contentType(ContentType.JSON)
                .body(Map.of("search_term", "session-only")).post("/webhooks/list").then().statusCode(200)
                .extract().jsonPath();
        assertThat(list.getString("webhooks[0].origin")).isEqualTo("session");
        assertThat(list.getString("webhooks[0].url")).isEqualTo(RECEIVER.url("/session-only"));
        String secret = given().header("x-api-key", tenant.apiKey()).contentType(ContentType.JSON)
                .body(Map.of("grace_period_seconds", 0))
                .post("/webhooks/" + list.getString("webhooks[0].id") + "/rotate-secret").then().statusCode(200)
                .extract().path("secret");
        Events.publish(tenant.clientId(), List.of(Events.event(UUID.randomUUID(), "idv.session.completed",
                Map.of("session_id", "s-2", "webhook_url", RECEIVER.url("/session-only"))))).then().statusCode(200);
        Events.await(WAIT, "the second delivery", () -> RECEIVER.received("/session-only").size() == 2);
        assertThat(StandardWebhooksVerifier.verify(secret, RECEIVER.received("/session-only").get(1))).isNull();
    }

    @Test
    void aTestEventAndARedeliveryCarryTheSameWebhookId() {
        TestTenants.Tenant tenant = tenants.create("redeliver");
        Created endpoint = create(tenant, "/redeliver", null);
        String delivery = given().header("x-api-key", tenant.apiKey()).post("/webhooks/" + endpoint.id() + "/test")
                .then().statusCode(202).body("event_type", equalTo("webhook.test")).body("status", equalTo("pending"))
                .extract().path("id");
        Events.await(WAIT, "the test event", () -> RECEIVER.received("/redeliver").size() == 1);
        Events.await(WAIT, "the delivery recorded", () -> "succeeded".equals(
                deliveries(tenant, endpoint.id()).getString("deliveries[0].status")));
        given().header("x-api-key", tenant.apiKey())
                .post("/webhooks/" + endpoint.id() + "/deliveries/" + delivery + "/redeliver").then().statusCode(202)
                .body("status", equalTo("pending"));
        Events.await(WAIT, "the redelivery", () -> RECEIVER.received("/redeliver").size() == 2);
        List<Receiver.Request> got = RECEIVER.received("/redeliver");
        assertThat(got.get(1).header("webhook-id")).isEqualTo(got.get(0).header("webhook-id"));
        assertThat(StandardWebhooksVerifier.verify(endpoint.secret(), got.get(1))).isNull();
        Events.await(WAIT, "two attempts recorded", () -> deliveries(tenant, endpoint.id())
                .getList("deliveries[0].attempts").size() == 2);
        assertThat(deliveries(tenant, endpoint.id()).getList("deliveries[0].attempts.trigger", String.class))
                .containsExactly("manual", "manual");
    }

    @Test
    void concurrencyIsBoundedPerEndpointSoASlowReceiverHoldsUpNoOther() {
        TestTenants.Tenant tenant = tenants.create("slow");
        create(tenant, "/slow", null);
        create(tenant, "/fast", null);
        RECEIVER.delay("/slow", Duration.ofMillis(400));
        Events.publish(tenant.clientId(), "idv.session.status_changed", 16);
        Events.await(WAIT, "the fast receiver's 16", () -> RECEIVER.received("/fast").size() == 16);
        assertThat(RECEIVER.received("/slow").size()).isLessThan(16);
        Events.await(WAIT, "the slow receiver's 16", () -> RECEIVER.received("/slow").size() == 16);
        assertThat(RECEIVER.maxConcurrent("/slow")).isBetween(2, 4);
    }
}
