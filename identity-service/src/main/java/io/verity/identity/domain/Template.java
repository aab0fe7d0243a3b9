package io.verity.identity.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Sort;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A face template of one subject in one gallery of one client. The embedding is stored only encrypted; a deleted
 * template keeps a tombstone without it until every replica has seen the deletion.
 */
@Entity
@Table(schema = "identity", name = "templates")
public class Template extends PanacheEntityBase {

    /** Which model made the embedding: templates of another model cannot be compared. */
    public static final String MODEL = "faceplugin-face-recognition-js@0.0.1/fr_feature";

    @Id
    public UUID id;

    @Column(name = "client_id", nullable = false)
    public UUID clientId;

    @Column(nullable = false)
    public String gallery;

    @Column(name = "subject_id", nullable = false)
    public String subjectId;

    @Column(name = "embedding_enc")
    public byte[] embeddingEnc;

    @Column(nullable = false)
    public String model;

    @Column(name = "face_size", nullable = false)
    public float faceSize;

    @Column(nullable = false)
    public float sharpness;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "deleted_at")
    public OffsetDateTime deletedAt;

    @Column(insertable = false, updatable = false)
    public long version;

    /** The encryption context that binds a template's ciphertext to its row. */
    public static String cipherContext(UUID templateId) {
        return "face-template:" + templateId;
    }

    public static Optional<Template> live(UUID clientId, String gallery, UUID id) {
        return find("id = ?1 and clientId = ?2 and gallery = ?3 and deletedAt is null", id, clientId, gallery)
                .firstResultOptional();
    }

    public static Optional<Template> live(UUID clientId, UUID id) {
        return find("id = ?1 and clientId = ?2 and deletedAt is null", id, clientId).firstResultOptional();
    }

    public static List<Template> ofSubject(UUID clientId, String gallery, String subjectId) {
        return list("clientId = ?1 and gallery = ?2 and subjectId = ?3 and deletedAt is null",
                Sort.by("createdAt"), clientId, gallery, subjectId);
    }
}
