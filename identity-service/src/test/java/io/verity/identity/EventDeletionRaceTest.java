package io.verity.identity;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.verity.identity.domain.Template;
import io.verity.testsupport.SharedData;
import io.verity.testsupport.TestTenants;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * An event deleted while attendees are being registered leaves no live face template behind: whichever finishes first,
 * registrations that lose the race erase their own template, and the deletion erases the rest.
 */
@QuarkusTest
class EventDeletionRaceTest {

    @Inject
    TestTenants tenants;

    @Test
    void noTemplateOutlivesItsEvent() throws Exception {
        TestTenants.Tenant tenant = tenants.create("race");
        byte[] photo = SharedData.face("kit-harington/kit-harington-1.jpg");
        ExecutorService pool = Executors.newFixedThreadPool(2); // the client's share of analyses (2)
        try {
            for (int round = 0; round < 4; round++) {
                String event = given().header("x-api-key", tenant.apiKey()).contentType(ContentType.JSON)
                        .body(Map.of("name", "race " + round)).post("/events").then().statusCode(201).extract().path("id");
                List<CompletableFuture<Integer>> registrations = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    String user = "u" + i;
                    registrations.add(CompletableFuture.supplyAsync(() -> given().header("x-api-key", tenant.apiKey())
                            .multiPart("photo", "p.jpg", photo).multiPart("userId", user)
                            .post("/events/{e}/attendees", event).statusCode(), pool));
                }
                Thread.sleep(60L * round); // delete while registrations are in flight
                given().header("x-api-key", tenant.apiKey()).delete("/events/{e}", event).then().statusCode(204);
                for (CompletableFuture<Integer> r : registrations) {
                    assertThat(r.get()).isIn(201, 404); // registered before the deletion, or told the event is gone
                }
                long live = QuarkusTransaction.requiringNew().call(() -> Template.count(
                        "clientId = ?1 and gallery = ?2 and deletedAt is null", tenant.clientId(), "event:" + event));
                assertThat(live).as("live templates of deleted event %s", event).isZero();
            }
        } finally {
            pool.shutdown();
        }
    }
}
