package io.verity.identity.service;

import io.verity.identity.domain.Activity;
import io.verity.identity.domain.Event;
import io.verity.platform.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Publishes {@code identification.matched} and {@code identification.no_match} through the outbox, in the transaction
 * that records the attempt, so a gate operator's webhook hears of every identification that was logged. The payload
 * names the attempt, the event, the attendee and their identity; never an image or a face template.
 */
@ApplicationScoped
public class IdentificationEvents {

    public static final String MATCHED = "identification.matched";
    public static final String NO_MATCH = "identification.no_match";

    @Inject
    Outbox outbox;

    /** Records the event of one logged attempt; call it inside the transaction that logged it. */
    void published(Event event, Activity activity, UUID identityId, float threshold) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("activity_id", activity.id);
        data.put("event_id", event.id);
        data.put("attendee_id", activity.attendeeId);
        data.put("identity_id", identityId);
        data.put("similarity", activity.attendeeId == null ? null : activity.similarity);
        data.put("threshold", threshold);
        data.put("faces_seen", activity.facesSeen);
        data.put("source", activity.source);
        outbox.record(event.clientId, "identification", activity.id.toString(),
                activity.attendeeId == null ? NO_MATCH : MATCHED, data);
    }
}
