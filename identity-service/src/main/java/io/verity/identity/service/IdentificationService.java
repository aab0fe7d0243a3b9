package io.verity.identity.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.verity.face.Analysis;
import io.verity.face.FaceEngine;
import io.verity.identity.domain.Activity;
import io.verity.identity.domain.Attendee;
import io.verity.identity.domain.Event;
import io.verity.platform.error.ProblemException;
import io.verity.platform.identities.Identity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;

/**
 * Who is this, among an event's attendees? Analyses the photo (largest face), searches the event's gallery, and logs
 * the attempt as an activity whatever its outcome. A refused photo is logged too, then refused.
 */
@ApplicationScoped
public class IdentificationService {

    private static final Logger LOG = Logger.getLogger(IdentificationService.class);
    private static final int RECENT_ACTIVITIES = 10;
    private static final ExecutorService LOOKUPS = Executors.newVirtualThreadPerTaskExecutor();

    /** Where the time went, for the Server-Timing header and the benchmark: the matcher, then the record's database work. */
    public record Timing(long analyzeNanos, long searchNanos, long recordNanos) {
    }

    /**
     * The outcome: {@code attendee} is null when nobody matched. {@code identity} is the attendee's verified identity
     * if they were registered from one. {@code similarity} is only set for a match.
     */
    public record Identification(Event event, Attendee attendee, Identity identity, Float similarity, float threshold,
            int facesSeen, Activity activity, List<Activity> recent, Timing timing, UUID captureId) {

        public boolean matched() {
            return attendee != null;
        }
    }

    @Inject
    Matcher matcher;

    @Inject
    GalleryIndexes indexes;

    @Inject
    CaptureService captures;

    @Inject
    jakarta.persistence.EntityManager entityManager;

    @Inject
    IdentificationEvents events;

    public Event event(UUID clientId, UUID eventId) {
        return QuarkusTransaction.requiringNew().call(() -> Event.ofClient(clientId, eventId)
                .orElseThrow(() -> ProblemException.notFound("event " + eventId)));
    }

    /**
     * {@link #event} on a virtual thread, so that a caller can fetch the photo meanwhile: the two waits are independent,
     * and one after the other they added the lookup's few milliseconds to every identification.
     */
    public CompletableFuture<Event> eventMeanwhile(UUID clientId, UUID eventId) {
        return CompletableFuture.supplyAsync(() -> event(clientId, eventId), LOOKUPS);
    }

    /** Who made the attempt: the calling key (always) and the gate's camera (when it named one). */
    public record Gate(String apiKey, String camera) {
    }

    public Identification identify(Event event, byte[] image, Gate gate, String requestId) {
        long start = System.nanoTime();
        Analysis analysis;
        try {
            analysis = matcher.analyze(event.clientId, image, FaceEngine.Detail.MATCH);
        } catch (ProblemException refused) {
            if (refused.status() != 429 && refused.status() < 500) { // the photo was refused, not the caller's turn
                log(event, null, Activity.REFUSED, refused.code(), null, null, gate, requestId);
            }
            throw refused;
        }
        long analyzed = System.nanoTime();
        float threshold = event.matchThreshold != null ? event.matchThreshold : matcher.defaultThreshold();
        // The best candidate whatever its score: a near miss is logged for operators, never stored or returned.
        List<GalleryIndexes.Match> best = indexes.search(event.clientId, event.gallery(), analysis.subject().embedding(), 1, -1f);
        long searched = System.nanoTime();
        int faces = analysis.facesSeen();
        GalleryIndexes.Match match = best.isEmpty() || best.get(0).similarity() < threshold ? null : best.get(0);
        // One transaction (one commit) for the record: who matched, the activity, its event for webhooks, the attendee's
        // recent activities and identity, and the gate photo of a match (encrypted, kept for the record's selfieImage).
        return QuarkusTransaction.requiringNew().call(() -> {
            Object[] found = match == null ? null : attendeeWithIdentity(event, UUID.fromString(match.subjectId()));
            Attendee attendee = found == null ? null : (Attendee) found[0];
            if (attendee == null) {
                if (!best.isEmpty()) {
                    LOG.infof("no match at event %s: nearest similarity %.3f, threshold %.3f", event.id,
                            best.get(0).similarity(), threshold);
                }
                Activity activity = log(event, null, Activity.NO_MATCH, null, null, faces, gate, requestId);
                events.published(event, activity, null, threshold);
                return new Identification(event, null, null, null, threshold, faces, activity, List.of(),
                        new Timing(analyzed - start, searched - analyzed, System.nanoTime() - searched), null);
            }
            Activity activity = log(event, attendee.id, Activity.MATCHED, null, match.similarity(), faces, gate, requestId);
            Identity identity = (Identity) found[1];
            events.published(event, activity, identity == null ? null : identity.id, threshold);
            List<Activity> recent = Activity.recentOf(event.clientId, attendee.id, RECENT_ACTIVITIES);
            UUID capture = captures.store(event.clientId, event.id, activity.id, image);
            return new Identification(event, attendee, identity, match.similarity(), threshold, faces, activity, recent,
                    new Timing(analyzed - start, searched - analyzed, System.nanoTime() - searched), capture);
        });
    }

    /** The attendee of this event and, if they were registered from one, their identity: one query. */
    private Object[] attendeeWithIdentity(Event event, UUID attendeeId) {
        List<Object[]> rows = entityManager.createQuery("select a, i from Attendee a left join Identity i on i.id = a.identityId "
                        + "where a.id = ?1 and a.clientId = ?2 and a.eventId = ?3", Object[].class)
                .setParameter(1, attendeeId)
                .setParameter(2, event.clientId)
                .setParameter(3, event.id)
                .getResultList();
        return rows.isEmpty() ? null : rows.get(0);
    }

    private Activity log(Event event, UUID attendeeId, String result, String reason, Float similarity, Integer faces,
            Gate gate, String requestId) {
        Activity activity = QuarkusTransaction.joiningExisting().call(() -> {
            Activity a = new Activity();
            a.id = UUID.randomUUID();
            a.clientId = event.clientId;
            a.eventId = event.id;
            a.attendeeId = attendeeId;
            a.occurredAt = OffsetDateTime.now();
            a.result = result;
            a.reason = reason;
            a.similarity = similarity;
            a.facesSeen = faces;
            a.source = gate.apiKey();
            a.camera = gate.camera();
            a.requestId = requestId;
            a.persist(); // Hibernate flushes it before recentOf's query reads it back
            return a;
        });
        LOG.infof("identification at event %s by key %s%s: %s%s", event.id, gate.apiKey(),
                gate.camera() == null ? "" : " (camera " + gate.camera() + ")", result, reason == null ? "" : " (" + reason + ")");
        return activity;
    }
}
