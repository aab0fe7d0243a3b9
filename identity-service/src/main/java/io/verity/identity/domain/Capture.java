package io.verity.identity.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/**
 * The photo a gate sent for a matched identification (Securegate's {@code selfieImage}), encrypted under the client's
 * data key, kept for {@code verity.identity.capture-retention} and then deleted.
 */
@Entity
@Table(schema = "identity", name = "captures")
public class Capture extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "client_id", nullable = false)
    public UUID clientId;

    @Column(name = "event_id", nullable = false)
    public UUID eventId;

    @Column(name = "activity_id", nullable = false)
    public UUID activityId;

    @Column(name = "image_enc", nullable = false)
    public byte[] imageEnc;

    @Column(name = "media_type", nullable = false)
    public String mediaType;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "expires_at", nullable = false)
    public OffsetDateTime expiresAt;

    public static Optional<Capture> live(UUID clientId, UUID id) {
        return find("id = ?1 and clientId = ?2 and expiresAt > ?3", id, clientId, OffsetDateTime.now()).firstResultOptional();
    }

    public static String cipherContext(UUID id) {
        return "capture:" + id;
    }
}
