package io.verity.platform.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Records an event in the caller's transaction; it is published only if that transaction commits. */
@ApplicationScoped
public class Outbox {

    @Inject
    ObjectMapper json;

    @ConfigProperty(name = "quarkus.application.name")
    String serviceName;

    @Transactional(Transactional.TxType.MANDATORY)
    public OutboxEvent record(UUID clientId, String aggregateType, String aggregateId, String eventType, Object payload) {
        OutboxEvent event = new OutboxEvent();
        event.clientId = clientId;
        event.sourceService = serviceName;
        event.aggregateType = aggregateType;
        event.aggregateId = aggregateId;
        event.eventType = eventType;
        try {
            event.payload = json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event payload is not serialisable: " + e.getMessage(), e);
        }
        event.createdAt = OffsetDateTime.now();
        event.persist();
        return event;
    }
}
