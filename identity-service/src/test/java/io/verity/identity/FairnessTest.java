package io.verity.identity;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.verity.testsupport.LocalHttpServer;
import io.verity.testsupport.SharedData;
import io.verity.testsupport.TestTenants;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** One client at its limit gets 429 with Retry-After at once; another client is served meanwhile. */
@QuarkusTest
class FairnessTest {

    @Inject
    TestTenants tenants;

    private static String event(String key) {
        return given().header("x-api-key", key).contentType(ContentType.JSON).body(Map.of("name", "gate"))
                .post("/events").then().statusCode(201).extract().path("id");
    }

    @Test
    void aClientWithAllItsFetchesInFlightGets429WhileAnotherClientIsServed() throws Exception {
        try (LocalHttpServer host = LocalHttpServer.start()) {
            host.stall("/slow.jpg", Duration.ofSeconds(10));
            host.serve("/obama.jpg", "image/jpeg", SharedData.face("obama/obama-4.jpg"));
            String noisy = tenants.create("noisy").apiKey();
            String noisyEvent = event(noisy);
            String quiet = tenants.create("quiet").apiKey();
            String quietEvent = event(quiet);
            given().header("x-api-key", quiet).multiPart("photo", "p.jpg", SharedData.face("obama/obama-1.jpg"))
                    .multiPart("userId", "obama").post("/events/{e}/attendees", quietEvent).then().statusCode(201);

            List<CompletableFuture<Response>> stalled = new ArrayList<>();
            java.util.concurrent.ExecutorService callers = java.util.concurrent.Executors.newFixedThreadPool(4);
            for (int i = 0; i < 4; i++) { // verity.face.max-concurrent-fetches-per-client
                stalled.add(CompletableFuture.supplyAsync(() -> given().header("x-api-key", noisy)
                        .queryParam("event_id", noisyEvent).queryParam("image_url", host.url("/slow.jpg")).post("/identity"),
                        callers));
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (host.received().stream().filter(r -> r.path().equals("/slow.jpg")).count() < 4 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            long start = System.nanoTime();
            given().header("x-api-key", noisy).queryParam("event_id", noisyEvent).queryParam("image_url", host.url("/slow.jpg"))
                    .post("/identity").then().statusCode(429)
                    .header("Retry-After", "1")
                    .body("code", equalTo("too_many_concurrent_fetches"))
                    .body("retry_after", equalTo(1));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));

            given().header("x-api-key", quiet).queryParam("event_id", quietEvent).queryParam("image_url", host.url("/obama.jpg"))
                    .post("/identity").then().statusCode(200).body("userInfo.userId", equalTo("obama"));
            for (CompletableFuture<Response> call : stalled) {
                assertThat(call.get().statusCode()).isEqualTo(422); // each times out on its own, 2 s in tests
            }
            callers.shutdown();
        }
    }

    @Test
    void eachEndpointHasItsOwnBodyLimitCheckedBeforeTheBodyIsRead() throws Exception {
        String key = tenants.create("sizes").apiKey();
        byte[] tooBigForJson = new byte[70 * 1024];
        java.util.Arrays.fill(tooBigForJson, (byte) 'a');
        given().header("x-api-key", key).contentType(ContentType.JSON)
                .body("{\"name\":\"" + new String(tooBigForJson) + "\"}").post("/events").then().statusCode(413)
                .contentType("application/problem+json").body("code", equalTo("too_large"));
        // 17 MiB with its length declared (as curl -F and most clients send it): refused before a byte of it is read
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + io.restassured.RestAssured.port
                        + "/identity?event_id=" + java.util.UUID.randomUUID()))
                .header("x-api-key", key).header("Content-Type", "multipart/form-data; boundary=b")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(new byte[17 * 1024 * 1024])).build();
        long start = System.nanoTime();
        var answer = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build()
                .send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(413);
        assertThat(answer.body()).contains("\"code\":\"too_large\"");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }
}
