package io.verity.webhook.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Takes events in (from the services' outbox relays, or a test send): stores each once, idempotent on its id, and
 * queues one delivery per matching enabled endpoint of the client, plus one to the event's own {@code webhook_url}
 * (a session's), all in one transaction. The delivered body is built here once:
 * {@code {"id", "type", "timestamp", "client_id", "data"}}.
 */
@ApplicationScoped
public class IntakeService {

    private static final Logger LOG = Logger.getLogger(IntakeService.class);

    /** An event as a service publishes it. */
    public record Incoming(UUID id, String type, OffsetDateTime occurredAt, String sourceService, String webhookUrl,
            JsonNode data) {
    }

    /** How many events were new, and how many had been received before (ignored). */
    public record Accepted(int accepted, int duplicates, int deliveries) {
    }

    @Inject
    EntityManager entityManager;

    @Inject
    ObjectMapper json;

    @Inject
    EndpointService endpoints;

    @Inject
    DeliveryWorker worker;

    public Accepted accept(UUID clientId, List<Incoming> events) {
        // Session endpoints are created (and their secrets sealed) before the intake's own transaction.
        java.util.Map<String, UUID> sessionEndpoints = new java.util.HashMap<>();
        for (Incoming event : events) {
            if (event.webhookUrl() != null && !sessionEndpoints.containsKey(event.webhookUrl())) {
                sessionEndpoints.put(event.webhookUrl(), endpoints.forSessionUrl(clientId, event.webhookUrl()));
            }
        }
        Accepted accepted = QuarkusTransaction.requiringNew().call(() -> {
            int fresh = 0;
            int deliveries = 0;
            for (Incoming event : events) {
                int inserted = entityManager.createNativeQuery("""
                                INSERT INTO webhook.events (id, client_id, type, occurred_at, source_service, body)
                                VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (id) DO NOTHING""")
                        .setParameter(1, event.id())
                        .setParameter(2, clientId)
                        .setParameter(3, event.type())
                        .setParameter(4, event.occurredAt())
                        .setParameter(5, event.sourceService())
                        .setParameter(6, body(clientId, event))
                        .executeUpdate();
                if (inserted == 0) {
                    continue;
                }
                fresh++;
                deliveries += entityManager.createNativeQuery("""
                                INSERT INTO webhook.deliveries (id, client_id, event_id, endpoint_id, next_attempt_at)
                                SELECT gen_random_uuid(), e.client_id, ?1, e.id, now() FROM webhook.endpoints e
                                WHERE e.client_id = ?2 AND e.origin = 'api' AND e.status = 'enabled'
                                  AND (cardinality(e.event_types) = 0 OR ?3 = ANY (e.event_types))
                                ON CONFLICT (event_id, endpoint_id) DO NOTHING""")
                        .setParameter(1, event.id())
                        .setParameter(2, clientId)
                        .setParameter(3, event.type())
                        .executeUpdate();
                UUID sessionEndpoint = event.webhookUrl() == null ? null : sessionEndpoints.get(event.webhookUrl());
                if (sessionEndpoint != null) {
                    deliveries += queue(clientId, event.id(), sessionEndpoint);
                }
            }
            return new Accepted(fresh, events.size() - fresh, deliveries);
        });
        if (accepted.deliveries() > 0) {
            worker.wakeUp();
        }
        LOG.debugf("intake for client %s: %s", clientId, accepted);
        return accepted;
    }

    /** Queues one delivery of a stored event to one endpoint (a test send, a session's URL). */
    int queue(UUID clientId, UUID eventId, UUID endpointId) {
        return entityManager.createNativeQuery("""
                        INSERT INTO webhook.deliveries (id, client_id, event_id, endpoint_id, next_attempt_at, manual)
                        SELECT gen_random_uuid(), e.client_id, ?1, e.id, now(), false FROM webhook.endpoints e
                        WHERE e.id = ?2 AND e.client_id = ?3 AND e.status = 'enabled'
                        ON CONFLICT (event_id, endpoint_id) DO NOTHING""")
                .setParameter(1, eventId)
                .setParameter(2, endpointId)
                .setParameter(3, clientId)
                .executeUpdate();
    }

    /** The exact JSON that every attempt sends and signs. */
    String body(UUID clientId, Incoming event) {
        ObjectNode body = json.createObjectNode()
                .put("id", event.id().toString())
                .put("type", event.type())
                .put("timestamp", DateTimeFormatter.ISO_INSTANT.format(event.occurredAt().withOffsetSameInstant(ZoneOffset.UTC)))
                .put("client_id", clientId.toString());
        body.set("data", event.data() == null ? json.createObjectNode() : event.data());
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event " + event.id() + " cannot be written as JSON", e);
        }
    }
}
