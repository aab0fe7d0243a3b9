package io.verity.identity.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.verity.face.Face;
import io.verity.identity.domain.Template;
import io.verity.platform.crypto.BiometricCipher;
import io.verity.platform.error.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/** Enrols, deletes and reads face templates of a client's galleries; every method takes the caller's client id. */
@ApplicationScoped
public class TemplateService {

    private static final Logger LOG = Logger.getLogger(TemplateService.class);
    private static final Pattern GALLERY = Pattern.compile("[a-z0-9][a-z0-9._:-]{0,99}");

    /** A template as enrolled: its face, for the caller to show what was stored. */
    public record Enrolled(Template template, Face face) {
    }

    @Inject
    Matcher matcher;

    @Inject
    BiometricCipher cipher;

    @Inject
    GalleryIndexes indexes;

    @Inject
    EntityManager entityManager;

    /** Enrols the one face of {@code image} as a template of {@code subjectId}; a photo with several faces is refused. */
    public Enrolled enroll(UUID clientId, String gallery, String subjectId, byte[] image) {
        requireGallery(gallery);
        if (subjectId == null || subjectId.isBlank() || subjectId.length() > 200) {
            throw ProblemException.invalidField("subject_id", "is required, 1 to 200 characters");
        }
        Face face = matcher.analyzeForEnrolment(clientId, image);
        Template template = QuarkusTransaction.requiringNew().call(() -> store(clientId, gallery, subjectId.strip(),
                face.embedding(), face.quality().faceSize(), face.quality().sharpness()));
        indexes.added(template, face.embedding());
        LOG.infof("enrolled template %s of subject %s in gallery %s of client %s", template.id, template.subjectId,
                gallery, clientId);
        return new Enrolled(template, face);
    }

    private Template store(UUID clientId, String gallery, String subjectId, float[] embedding, float faceSize, float sharpness) {
        Template t = new Template();
        t.id = UUID.randomUUID();
        t.clientId = clientId;
        t.gallery = gallery;
        t.subjectId = subjectId;
        t.model = Template.MODEL;
        t.faceSize = faceSize;
        t.sharpness = sharpness;
        t.createdAt = OffsetDateTime.now();
        t.embeddingEnc = cipher.encrypt(clientId, Template.cipherContext(t.id), Embeddings.toBytes(embedding));
        t.persist();
        return t;
    }

    /** Deletes one template: its encrypted embedding is erased at once; false if the client has no such template. */
    public boolean delete(UUID clientId, String gallery, UUID templateId) {
        requireGallery(gallery);
        boolean deleted = QuarkusTransaction.requiringNew().call(() -> erase(clientId, gallery, List.of(templateId))) > 0;
        if (deleted) {
            indexes.removed(clientId, gallery, templateId);
        }
        return deleted;
    }

    /** Deletes every template of a subject in a gallery; returns how many. */
    public int deleteSubject(UUID clientId, String gallery, String subjectId) {
        requireGallery(gallery);
        List<UUID> ids = QuarkusTransaction.requiringNew().call(() ->
                Template.ofSubject(clientId, gallery, subjectId).stream().map(t -> t.id).toList());
        int deleted = ids.isEmpty() ? 0 : QuarkusTransaction.requiringNew().call(() -> erase(clientId, gallery, ids));
        ids.forEach(id -> indexes.removed(clientId, gallery, id));
        return deleted;
    }

    private int erase(UUID clientId, String gallery, List<UUID> ids) {
        return entityManager.createNativeQuery("UPDATE identity.templates SET embedding_enc = NULL, deleted_at = now(), "
                        + "version = nextval('identity.template_version') "
                        + "WHERE client_id = ?1 AND gallery = ?2 AND id = ANY(?3) AND deleted_at IS NULL")
                .setParameter(1, clientId)
                .setParameter(2, gallery)
                .setParameter(3, ids.toArray(UUID[]::new))
                .executeUpdate();
    }

    /**
     * Copies the newest template of {@code sourceSubject} in {@code sourceGallery} into {@code targetGallery} as a template
     * of {@code targetSubject} (re-encrypted for its new row): how an attendee is registered from a verified identity.
     * Empty when the source subject has no template.
     */
    public java.util.Optional<Template> copySubject(UUID clientId, String sourceGallery, String sourceSubject,
            String targetGallery, String targetSubject) {
        requireGallery(targetGallery);
        java.util.Optional<Template> source = QuarkusTransaction.requiringNew().call(() ->
                Template.ofSubject(clientId, sourceGallery, sourceSubject).stream().reduce((a, b) -> b));
        if (source.isEmpty()) {
            return java.util.Optional.empty();
        }
        Template from = source.get();
        float[] embedding = Embeddings.fromBytes(cipher.decrypt(clientId, Template.cipherContext(from.id), from.embeddingEnc));
        Template copy = QuarkusTransaction.requiringNew().call(() ->
                store(clientId, targetGallery, targetSubject, embedding, from.faceSize, from.sharpness));
        indexes.added(copy, embedding);
        return java.util.Optional.of(copy);
    }

    /**
     * Within the caller's transaction: erases every live template of a gallery and returns their ids, for
     * {@link #forget} once the transaction has committed. The caller holds a lock that keeps new templates out.
     */
    public List<UUID> eraseGallery(UUID clientId, String gallery) {
        requireGallery(gallery);
        List<UUID> ids = Template.<Template>list("clientId = ?1 and gallery = ?2 and deletedAt is null", clientId, gallery)
                .stream().map(t -> t.id).toList();
        if (!ids.isEmpty()) {
            erase(clientId, gallery, ids);
        }
        return ids;
    }

    /** Drops erased templates from this replica's index (the others follow from the database). */
    public void forget(UUID clientId, String gallery, List<UUID> ids) {
        ids.forEach(id -> indexes.removed(clientId, gallery, id));
    }

    /** Deletes every template of a gallery; returns how many. */
    public int deleteGallery(UUID clientId, String gallery) {
        requireGallery(gallery);
        List<UUID> ids = QuarkusTransaction.requiringNew().call(() ->
                Template.<Template>list("clientId = ?1 and gallery = ?2 and deletedAt is null", clientId, gallery)
                        .stream().map(t -> t.id).toList());
        int deleted = ids.isEmpty() ? 0 : QuarkusTransaction.requiringNew().call(() -> erase(clientId, gallery, ids));
        ids.forEach(id -> indexes.removed(clientId, gallery, id));
        return deleted;
    }

    /** The decrypted embedding of a client's template, for 1:1 comparison. */
    @Transactional
    public float[] embedding(UUID clientId, UUID templateId) {
        Template t = Template.live(clientId, templateId).orElseThrow(() -> ProblemException.notFound("template " + templateId));
        return Embeddings.fromBytes(cipher.decrypt(clientId, Template.cipherContext(t.id), t.embeddingEnc));
    }

    /** The decrypted embeddings of every live template of a subject (oldest first); empty when it has none. */
    @Transactional
    public List<float[]> embeddingsOfSubject(UUID clientId, String gallery, String subjectId) {
        return Template.ofSubject(clientId, gallery, subjectId).stream()
                .map(t -> Embeddings.fromBytes(cipher.decrypt(clientId, Template.cipherContext(t.id), t.embeddingEnc)))
                .toList();
    }

    /**
     * Erases every template that carries an identity's face: its own in {@code identityGallery} and those of the
     * attendees registered from it in event galleries, with the gate photos of their identifications. Within the
     * caller's transaction; answers what to {@link #forget} per gallery once it has committed.
     */
    public java.util.Map<String, List<UUID>> eraseIdentity(UUID clientId, String identityGallery, UUID identityId) {
        java.util.Map<String, List<UUID>> erased = new java.util.LinkedHashMap<>();
        List<Template> own = Template.ofSubject(clientId, identityGallery, identityId.toString());
        if (!own.isEmpty()) {
            List<UUID> ids = own.stream().map(t -> t.id).toList();
            erase(clientId, identityGallery, ids);
            erased.put(identityGallery, ids);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> attendees = entityManager.createNativeQuery(
                        "SELECT id, event_id FROM identity.attendees WHERE client_id = ?1 AND identity_id = ?2")
                .setParameter(1, clientId).setParameter(2, identityId).getResultList();
        for (Object[] row : attendees) {
            UUID attendeeId = (UUID) row[0];
            String gallery = "event:" + row[1];
            List<UUID> ids = Template.ofSubject(clientId, gallery, attendeeId.toString()).stream().map(t -> t.id).toList();
            if (!ids.isEmpty()) {
                erase(clientId, gallery, ids);
                erased.computeIfAbsent(gallery, g -> new java.util.ArrayList<>()).addAll(ids);
            }
            entityManager.createNativeQuery("DELETE FROM identity.captures WHERE client_id = ?1 AND activity_id IN "
                            + "(SELECT id FROM identity.activities WHERE attendee_id = ?2)")
                    .setParameter(1, clientId).setParameter(2, attendeeId).executeUpdate();
            entityManager.createNativeQuery("UPDATE identity.attendees SET template_id = NULL WHERE id = ?1")
                    .setParameter(1, attendeeId).executeUpdate();
        }
        return erased;
    }

    public static void requireGallery(String gallery) {
        if (gallery == null || !GALLERY.matcher(gallery).matches()) {
            throw ProblemException.invalidField("gallery",
                    "1 to 100 characters: lower-case letters, digits, '.', '_', ':' and '-', starting with a letter or digit");
        }
    }
}
