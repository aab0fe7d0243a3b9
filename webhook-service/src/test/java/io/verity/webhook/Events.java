package io.verity.webhook;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/** Publishing events as a service's outbox relay does, and waiting for what follows. */
final class Events {

    static final String INTERNAL_TOKEN = "test-internal-token";

    private Events() {
    }

    static Map<String, Object> event(UUID id, String type, Map<String, Object> data) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", id.toString());
        event.put("type", type);
        event.put("occurred_at", OffsetDateTime.now().toString());
        event.put("source_service", "idv-service");
        event.put("data", data);
        if (data.get("webhook_url") != null) {
            event.put("webhook_url", data.get("webhook_url"));
        }
        return event;
    }

    /** Posts events to the intake; returns its answer. */
    static io.restassured.response.Response publish(UUID clientId, List<Map<String, Object>> events) {
        return given().header("x-internal-token", INTERNAL_TOKEN).header("x-verity-client-id", clientId.toString())
                .contentType(ContentType.JSON).body(Map.of("events", events)).post("/internal/v1/events");
    }

    static List<UUID> publish(UUID clientId, String type, int count) {
        List<UUID> ids = new ArrayList<>();
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            UUID id = UUID.randomUUID();
            ids.add(id);
            events.add(event(id, type, Map.of("session_id", "s-" + i, "status", "completed")));
        }
        publish(clientId, events).then().statusCode(200);
        return ids;
    }

    static void await(Duration limit, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + limit + " waiting for " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
