package io.verity.identity.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.verity.identity.domain.Event;
import io.verity.platform.error.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/** Events of a client: create, change, delete (with every attendee's face template). */
@ApplicationScoped
public class EventService {

    private static final Logger LOG = Logger.getLogger(EventService.class);

    /** What a caller may set on an event; null leaves a field as it is (on update). */
    public record EventFields(String name, String description, String location, OffsetDateTime startsAt,
            OffsetDateTime endsAt, Float matchThreshold, Map<String, Object> metadata) {
    }

    @Inject
    TemplateService templates;

    @Inject
    MetadataJson metadata;

    public Event create(UUID clientId, EventFields fields) {
        if (fields == null || fields.name() == null || fields.name().isBlank()) {
            throw ProblemException.invalidField("name", "is required");
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            Event event = new Event();
            event.id = UUID.randomUUID();
            event.clientId = clientId;
            event.createdAt = OffsetDateTime.now();
            event.metadata = "{}";
            apply(event, fields);
            event.persist();
            LOG.infof("created event %s (%s) for client %s", event.id, event.name, clientId);
            return event;
        });
    }

    public Event update(UUID clientId, UUID eventId, EventFields fields) {
        ProblemException.requireBody(fields);
        return QuarkusTransaction.requiringNew().call(() -> {
            Event event = Event.ofClient(clientId, eventId).orElseThrow(() -> ProblemException.notFound("event " + eventId));
            apply(event, fields);
            return event;
        });
    }

    /**
     * Deletes the event with every attendee's face template, in one transaction that holds the event's row lock
     * (FOR UPDATE): a registration commits its attendee only under a shared lock on the same row
     * ({@link AttendeeService}), so it either finishes before (and its template is erased here) or finds the event
     * gone and erases its own template. No template outlives its event.
     */
    public void delete(UUID clientId, UUID eventId) {
        String gallery = Event.galleryOf(eventId);
        List<UUID> erased = QuarkusTransaction.requiringNew().call(() -> {
            Event event = Event.<Event>findByIdOptional(eventId, LockModeType.PESSIMISTIC_WRITE)
                    .filter(e -> e.clientId.equals(clientId))
                    .orElseThrow(() -> ProblemException.notFound("event " + eventId));
            List<UUID> ids = templates.eraseGallery(clientId, gallery);
            event.delete();
            return ids;
        });
        templates.forget(clientId, gallery, erased);
        LOG.infof("deleted event %s of client %s and %d face template(s)", eventId, clientId, erased.size());
    }

    private void apply(Event event, EventFields f) {
        if (f.name() != null) {
            if (f.name().isBlank() || f.name().length() > 200) {
                throw ProblemException.invalidField("name", "1 to 200 characters");
            }
            event.name = f.name().strip();
        }
        if (f.description() != null) {
            event.description = limited("description", f.description(), 2000);
        }
        if (f.location() != null) {
            event.location = limited("location", f.location(), 500);
        }
        if (f.startsAt() != null) {
            event.startsAt = f.startsAt();
        }
        if (f.endsAt() != null) {
            event.endsAt = f.endsAt();
        }
        if (event.startsAt != null && event.endsAt != null && event.endsAt.isBefore(event.startsAt)) {
            throw ProblemException.invalidField("ends_at", "must not be before starts_at");
        }
        if (f.matchThreshold() != null) {
            if (f.matchThreshold().isNaN() || f.matchThreshold() < -1 || f.matchThreshold() > 1) {
                throw ProblemException.invalidField("match_threshold", "a cosine similarity between -1 and 1");
            }
            event.matchThreshold = f.matchThreshold();
        }
        if (f.metadata() != null) {
            event.metadata = metadata.write("metadata", f.metadata());
        }
        event.updatedAt = OffsetDateTime.now();
    }


    static String limited(String field, String value, int max) {
        if (value.length() > max) {
            throw ProblemException.invalidField(field, "at most " + max + " characters");
        }
        return value;
    }
}
