package io.verity.identity;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.verity.identity.service.GalleryIndexes;
import io.verity.platform.identities.Identity;
import io.verity.testsupport.TestTenants;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Thousands of small events in one matcher, made as a customer makes them: 2,000 events created over HTTP, each with
 * one attendee registered from a verified identity (its template is copied, so the test runs one face analysis, not
 * 2,000). They fit in a few tens of megabytes of heap (with 32 MiB blocks they needed 64 GiB), and their memory comes
 * back when the events are deleted.
 */
@QuarkusTest
class GalleryMemoryTest {

    private static final int EVENTS = 2_000;

    @Inject
    GalleryIndexes indexes;

    @Inject
    TestTenants tenants;

    @Inject
    TestIdentities identities;

    @Test
    void twoThousandOneAttendeeEventsFitInTheHeapAndFreeTheirMemoryWhenDeleted() {
        TestTenants.Tenant tenant = tenants.create("many-events");
        String key = tenant.apiKey();
        Identity guest = identities.create(tenant.clientId(), "BARACK", "OBAMA", "obama/obama-1.jpg", true);
        GalleryIndexes.Footprint before = indexes.footprint();
        long heapBefore = usedHeap();

        List<String> events = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            String event = given().header("x-api-key", key).contentType(ContentType.JSON).body(Map.of("name", "meetup " + i))
                    .post("/events").then().statusCode(201).extract().path("id");
            given().header("x-api-key", key).contentType(ContentType.JSON)
                    .body(Map.of("userId", "guest", "name", "Barack Obama", "identity_id", guest.id.toString()))
                    .post("/events/{e}/attendees", event).then().statusCode(201);
            events.add(event);
        }
        GalleryIndexes.Footprint full = indexes.footprint();
        long heapGrowth = usedHeap() - heapBefore;
        assertThat(full.galleries() - before.galleries()).isEqualTo(EVENTS);
        assertThat(full.vectorBytes() - before.vectorBytes()).as("vectors of 2,000 one-template galleries")
                .isLessThan(EVENTS * 16L * 1024);
        assertThat(heapGrowth).as("heap taken by 2,000 one-attendee events").isLessThan(64L * 1024 * 1024);

        for (String event : events) {
            given().header("x-api-key", key).delete("/events/{e}", event).then().statusCode(204);
        }
        GalleryIndexes.Footprint emptied = indexes.footprint();
        assertThat(emptied.galleries()).isEqualTo(before.galleries());
        assertThat(emptied.vectorBytes()).isEqualTo(before.vectorBytes());
    }

    private static long usedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
