package io.verity.ida.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/**
 * What ida-service reads of an IDV session (idv-service owns the table): the session that verified an identity tells
 * when its document and liveness were given, its score and screening. Erasure clears its biometric columns.
 */
@Entity
@Table(schema = "idv", name = "sessions")
public class IdvSessionView extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "client_id", nullable = false)
    public UUID clientId;

    @Column(name = "identity_id")
    public UUID identityId;

    @Column(name = "document_type")
    public String documentType;

    @Column(name = "document_front_given_at")
    public OffsetDateTime documentFrontGivenAt;

    @Column(name = "liveness_detected")
    public Boolean livenessDetected;

    @Column(name = "liveness_detected_at")
    public OffsetDateTime livenessDetectedAt;

    public Boolean verified;

    @Column(name = "verified_at")
    public OffsetDateTime verifiedAt;

    public Float score;

    @Column(name = "on_sanction_list")
    public Boolean onSanctionList;

    @Column(name = "completed_at")
    public OffsetDateTime completedAt;

    @Column(name = "biometrics_erased_at")
    public OffsetDateTime biometricsErasedAt;

    /** The newest verified session of an identity: the one that verified it last. */
    public static Optional<IdvSessionView> verifying(UUID clientId, UUID identityId) {
        return find("clientId = ?1 and identityId = ?2 and verified = true order by verifiedAt desc", clientId, identityId)
                .firstResultOptional();
    }
}
