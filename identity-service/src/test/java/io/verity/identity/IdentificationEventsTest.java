package io.verity.identity;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.verity.platform.outbox.OutboxEvent;
import io.verity.testsupport.LocalHttpServer;
import io.verity.testsupport.SharedData;
import io.verity.testsupport.TestTenants;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every logged identification is published through the outbox (for webhook-service), matched or not. */
@QuarkusTest
class IdentificationEventsTest {

    @Inject
    TestTenants tenants;

    @Inject
    ObjectMapper json;

    @Test
    void matchedAndNoMatchAreWrittenToTheOutboxWithTheAttempt() throws Exception {
        TestTenants.Tenant tenant = tenants.create("gate-events");
        try (LocalHttpServer images = LocalHttpServer.start()) {
            images.serve("/obama.jpg", "image/jpeg", SharedData.face("obama/obama-4.jpg"));
            images.serve("/rose.jpg", "image/jpeg", SharedData.face("rose-leslie/rose-leslie-2.jpg"));
            String event = given().header("x-api-key", tenant.apiKey()).contentType(ContentType.JSON)
                    .body(Map.of("name", "gala")).post("/events").then().statusCode(201).extract().path("id");
            String attendee = given().header("x-api-key", tenant.apiKey())
                    .multiPart("photo", "photo.jpg", SharedData.face("obama/obama-1.jpg"))
                    .multiPart("userId", "obama-1").multiPart("name", "Barack Obama")
                    .post("/events/{e}/attendees", event).then().statusCode(201).extract().path("id");
            given().header("x-api-key", tenant.apiKey()).queryParam("event_id", event)
                    .queryParam("image_url", images.url("/obama.jpg")).post("/identity").then().statusCode(200);
            given().header("x-api-key", tenant.apiKey()).queryParam("event_id", event)
                    .queryParam("image_url", images.url("/rose.jpg")).post("/identity");

            List<OutboxEvent> published = QuarkusTransaction.requiringNew().call(() -> OutboxEvent
                    .<OutboxEvent>list("clientId", Sort.ascending("id"), tenant.clientId()));
            assertThat(published).extracting(e -> e.eventType)
                    .containsExactly("identification.matched", "identification.no_match");
            assertThat(published).extracting(e -> e.sourceService).containsOnly("identity-service");
            JsonNode matched = json.readTree(published.get(0).payload);
            assertThat(matched.get("event_id").asText()).isEqualTo(event);
            assertThat(matched.get("attendee_id").asText()).isEqualTo(attendee);
            assertThat(matched.get("similarity").asDouble()).isGreaterThan(matched.get("threshold").asDouble());
            assertThat(matched.get("activity_id").asText()).isEqualTo(published.get(0).aggregateId);
            JsonNode noMatch = json.readTree(published.get(1).payload);
            assertThat(noMatch.get("attendee_id").isNull()).isTrue();
            assertThat(noMatch.get("similarity").isNull()).isTrue();
            assertThat(noMatch.get("faces_seen").asInt()).isEqualTo(1);
        }
    }
}
