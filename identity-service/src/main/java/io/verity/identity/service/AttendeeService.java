package io.verity.identity.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.verity.identity.domain.Attendee;
import io.verity.identity.domain.Event;
import io.verity.identity.domain.Template;
import io.verity.platform.error.ProblemException;
import io.verity.platform.identities.Identity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Registers attendees of an event, each with a face template in the event's gallery: enrolled from their photo, or
 * copied from the selfie of an identity the client verified (whose KYC data then appears in identifications).
 */
@ApplicationScoped
public class AttendeeService {

    private static final Logger LOG = Logger.getLogger(AttendeeService.class);
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,255}");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Who the attendee is, as the Securegate record's {@code userInfo}; metadata is returned as given. */
    public record AttendeeFields(String userId, String email, String name, String phone, String countryCode,
            Map<String, Object> metadata) {
    }

    @Inject
    TemplateService templates;

    @Inject
    MetadataJson metadataJson;

    /** Registers an attendee from exactly one of: a photo (one face) or a verified identity of the same client. */
    public Attendee register(UUID clientId, UUID eventId, AttendeeFields fields, byte[] photo, UUID identityId) {
        if ((photo == null) == (identityId == null)) {
            throw ProblemException.badRequest("photo_or_identity",
                    "give either a photo of the attendee or the identity_id of a verified identity, not both");
        }
        AttendeeFields checked = validated(fields == null ? new AttendeeFields(null, null, null, null, null, null) : fields);
        Event event = QuarkusTransaction.requiringNew().call(() -> {
            Event e = Event.ofClient(clientId, eventId).orElseThrow(() -> ProblemException.notFound("event " + eventId));
            if (checked.userId() != null && Attendee.count("eventId = ?1 and userId = ?2", eventId, checked.userId()) > 0) {
                throw new ProblemException(409, "attendee_exists", "user " + checked.userId() + " is already registered for this event",
                        Map.of("field", "userId"));
            }
            if (identityId != null) {
                Identity identity = Identity.ofClient(clientId, identityId)
                        .orElseThrow(() -> ProblemException.notFound("identity " + identityId));
                if (!identity.verified) {
                    throw new ProblemException(422, "identity_not_verified", "identity " + identityId + " has not been verified",
                            Map.of("field", "identity_id"));
                }
            }
            return e;
        });

        UUID attendeeId = UUID.randomUUID();
        Template template = photo != null
                ? templates.enroll(clientId, event.gallery(), attendeeId.toString(), photo).template()
                : templates.copySubject(clientId, Identity.GALLERY, identityId.toString(), event.gallery(), attendeeId.toString())
                        .orElseThrow(() -> new ProblemException(422, "identity_without_selfie",
                                "identity " + identityId + " has no selfie face template to identify the attendee by",
                                Map.of("field", "identity_id")));
        try {
            Attendee attendee = QuarkusTransaction.requiringNew().call(() -> {
                // FOR SHARE on the event: waits for a deletion in progress, then sees whether the event still exists.
                Event.<Event>findByIdOptional(eventId, LockModeType.PESSIMISTIC_READ)
                        .filter(e -> e.clientId.equals(clientId))
                        .orElseThrow(() -> ProblemException.notFound("event " + eventId));
                return persist(clientId, eventId, attendeeId, checked, identityId, template.id);
            });
            LOG.infof("registered attendee %s of event %s (%s)", attendeeId, eventId, identityId != null ? "from identity " + identityId : "from a photo");
            return attendee;
        } catch (RuntimeException e) {
            templates.delete(clientId, event.gallery(), template.id); // no face template without its attendee
            throw e;
        }
    }

    /** Removes an attendee and their face template. */
    public void remove(UUID clientId, UUID eventId, UUID attendeeId) {
        Attendee attendee = QuarkusTransaction.requiringNew().call(() -> Attendee.ofEvent(clientId, eventId, attendeeId)
                .orElseThrow(() -> ProblemException.notFound("attendee " + attendeeId)));
        templates.deleteSubject(clientId, Event.galleryOf(eventId), attendee.id.toString());
        QuarkusTransaction.requiringNew().run(() -> Attendee.delete("id = ?1 and clientId = ?2", attendeeId, clientId));
        LOG.infof("removed attendee %s of event %s", attendeeId, eventId);
    }

    private Attendee persist(UUID clientId, UUID eventId, UUID id, AttendeeFields f, UUID identityId, UUID templateId) {
        Attendee a = new Attendee();
        a.id = id;
        a.clientId = clientId;
        a.eventId = eventId;
        a.userId = f.userId();
        a.email = f.email();
        a.name = f.name();
        a.phone = f.phone();
        a.countryCode = f.countryCode();
        a.identityId = identityId;
        a.templateId = templateId;
        a.qrId = "qr_" + HexFormat.of().formatHex(randomBytes(10));
        a.metadata = f.metadata() == null ? "{}" : metadataJson.write("metadata", f.metadata());
        a.createdAt = OffsetDateTime.now();
        a.persist();
        return a;
    }

    private static AttendeeFields validated(AttendeeFields f) {
        String userId = trimmed("userId", f.userId(), 200);
        String email = trimmed("email", f.email(), 320);
        if (email != null && !EMAIL.matcher(email).matches()) {
            throw invalid("email", "is not an email address");
        }
        return new AttendeeFields(userId, email, trimmed("name", f.name(), 200), trimmed("phone", f.phone(), 40),
                trimmed("countryCode", f.countryCode(), 8), f.metadata());
    }

    private static String trimmed(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        if (v.length() > max) {
            throw invalid(field, "at most " + max + " characters");
        }
        return v;
    }

    private static ProblemException invalid(String field, String detail) {
        return new ProblemException(400, "invalid_field", field + ": " + detail, Map.of("field", field));
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
