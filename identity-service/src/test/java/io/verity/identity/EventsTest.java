package io.verity.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.verity.identity.domain.Event;
import io.verity.identity.service.GalleryIndexes;
import io.verity.testsupport.SharedData;
import io.verity.testsupport.TestTenants;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class EventsTest {

    @Inject
    TestTenants tenants;

    @Inject
    GalleryIndexes indexes;

    TestTenants.Tenant tenant;

    @BeforeEach
    void tenant() {
        tenant = tenants.create("events");
    }

    private String create(Map<String, Object> body) {
        return given().header("x-api-key", tenant.apiKey()).contentType(ContentType.JSON).body(body)
                .post("/events").then().statusCode(201).extract().path("id");
    }

    @Test
    void createsReadsChangesAndListsEvents() {
        String id = create(Map.of("name", "Board meeting", "location", "HQ", "starts_at", "2026-12-01T09:00:00Z",
                "ends_at", "2026-12-01T17:00:00Z", "match_threshold", 0.45, "metadata", Map.of("floor", 7)));
        given().header("x-api-key", tenant.apiKey()).get("/events/{id}", id).then().statusCode(200)
                .body("name", equalTo("Board meeting"))
                .body("location", equalTo("HQ"))
                .body("match_threshold", equalTo(0.45f))
                .body("metadata.floor", equalTo(7))
                .body("attendees", equalTo(0))
                .body("created_at", notNullValue());
        given().header("x-api-key", tenant.apiKey()).contentType(ContentType.JSON).body(Map.of("location", "Annex"))
                .patch("/events/{id}", id).then().statusCode(200)
                .body("location", equalTo("Annex")).body("name", equalTo("Board meeting"));
        create(Map.of("name", "Offsite"));
        create(Map.of("name", "Holiday party"));
        given().header("x-api-key", tenant.apiKey()).get("/events?take=2").then().statusCode(200)
                .body("events", hasSize(2)).body("meta_counts.total", equalTo(3)).body("meta_counts.response", equalTo(2));
        given().header("x-api-key", tenant.apiKey()).get("/events?search=PARTY").then()
                .body("events", hasSize(1)).body("events[0].name", equalTo("Holiday party"));
    }

    @Test
    void refusesBadEventsWithAProblemNamingTheField() {
        given().header("x-api-key", tenant.apiKey()).contentType(ContentType.JSON).body(Map.of("location", "x"))
                .post("/events").then().statusCode(400).body("field", equalTo("name"));
        given().header("x-api-key", tenant.apiKey()).contentType(ContentType.JSON)
                .body(Map.of("name", "x", "starts_at", "2026-12-02T00:00:00Z", "ends_at", "2026-12-01T00:00:00Z"))
                .post("/events").then().statusCode(400).body("field", equalTo("ends_at"));
        given().header("x-api-key", tenant.apiKey()).contentType(ContentType.JSON).body(Map.of("name", "x", "match_threshold", 2))
                .post("/events").then().statusCode(400).body("field", equalTo("match_threshold"));
        given().header("x-api-key", tenant.apiKey()).contentType(ContentType.JSON).body(Map.of("name", "x", "starts_at", "tomorrow"))
                .post("/events").then().statusCode(400).body("code", equalTo("invalid_field"));
        given().header("x-api-key", tenant.apiKey()).get("/events?take=500").then().statusCode(400).body("field", equalTo("take"));
    }

    @Test
    void eventsOfAnotherClientDoNotExistForThisOne() {
        String id = create(Map.of("name", "Private"));
        String other = tenants.create("other").apiKey();
        given().header("x-api-key", other).get("/events/{id}", id).then().statusCode(404);
        given().header("x-api-key", other).contentType(ContentType.JSON).body(Map.of("name", "mine"))
                .patch("/events/{id}", id).then().statusCode(404);
        given().header("x-api-key", other).delete("/events/{id}", id).then().statusCode(404);
        given().header("x-api-key", other).multiPart("photo", "p.jpg", SharedData.face("obama/obama-1.jpg"))
                .post("/events/{id}/attendees", id).then().statusCode(404);
        given().header("x-api-key", other).get("/events").then().body("meta_counts.total", equalTo(0));
    }

    @Test
    void deletingAnEventDeletesItsAttendeesAndTheirFaceTemplates() {
        String id = create(Map.of("name", "Cancelled"));
        given().header("x-api-key", tenant.apiKey()).multiPart("photo", "p.jpg", SharedData.face("obama/obama-1.jpg"))
                .multiPart("name", "Barack Obama")
                .post("/events/{id}/attendees", id).then().statusCode(201)
                .body("user_info.name", equalTo("Barack Obama")).body("identity_id", nullValue());
        org.assertj.core.api.Assertions.assertThat(indexes.size(tenant.clientId(), Event.galleryOf(UUID.fromString(id)))).isEqualTo(1);

        given().header("x-api-key", tenant.apiKey()).delete("/events/{id}", id).then().statusCode(204);

        org.assertj.core.api.Assertions.assertThat(indexes.size(tenant.clientId(), Event.galleryOf(UUID.fromString(id)))).isZero();
        given().header("x-api-key", tenant.apiKey()).get("/events/{id}", id).then().statusCode(404);
        given().header("x-api-key", tenant.apiKey()).get("/events/{id}/attendees", id).then().statusCode(404);
    }

    @Test
    void attendeesArePagedAndValidated() {
        String id = create(Map.of("name", "Paged"));
        for (String photo : new String[] {"obama/obama-1.jpg", "biden/biden-1.jpg", "kit-harington/kit-harington-1.jpg"}) {
            given().header("x-api-key", tenant.apiKey()).multiPart("photo", "p.jpg", SharedData.face(photo))
                    .post("/events/{id}/attendees", id).then().statusCode(201);
        }
        given().header("x-api-key", tenant.apiKey()).get("/events/{id}/attendees?take=2&skip=2", id).then().statusCode(200)
                .body("attendees", hasSize(1)).body("meta_counts.total", equalTo(3));
        given().header("x-api-key", tenant.apiKey()).multiPart("photo", "p.jpg", SharedData.face("obama/obama-2.jpg"))
                .multiPart("email", "not an email")
                .post("/events/{id}/attendees", id).then().statusCode(400).body("field", equalTo("email"));
        given().header("x-api-key", tenant.apiKey()).multiPart("userId", "x")
                .post("/events/{id}/attendees", id).then().statusCode(400).body("field", equalTo("photo"));
    }
}
