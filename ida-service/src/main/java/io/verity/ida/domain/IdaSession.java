package io.verity.ida.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** An identity authentication session: a verified identity proves with a new selfie and liveness that it is still them. */
@Entity
@Table(schema = "ida", name = "sessions")
public class IdaSession extends PanacheEntityBase {

    public static final String IN_PROGRESS = "in_progress";
    public static final String COMPLETE = "complete";
    public static final String BLOCKED = "temporarily_blocked";
    public static final String EXPIRED = "expired";

    @Id
    public UUID id;

    @Column(name = "client_id", nullable = false)
    public UUID clientId;

    @Column(name = "identity_id")
    public UUID identityId;

    @Column(name = "user_id")
    public String userId;

    @Column(nullable = false)
    public String status;

    @Column(name = "liveness_mode", nullable = false)
    public String livenessMode;

    @Column(name = "webhook_url")
    public String webhookUrl;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public String metadata;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public String settings;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "sdk_metadata", nullable = false, columnDefinition = "jsonb")
    public String sdkMetadata;

    @Column(name = "liveness_detected")
    public Boolean livenessDetected;

    @Column(name = "liveness_detected_at")
    public OffsetDateTime livenessDetectedAt;

    @Column(name = "selfie_given_at")
    public OffsetDateTime selfieGivenAt;

    @Column(name = "liveness_token_hash")
    public byte[] livenessTokenHash;

    @Column(name = "liveness_challenge")
    public String livenessChallenge;

    @Column(name = "liveness_expires_at")
    public OffsetDateTime livenessExpiresAt;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "liveness_facts", columnDefinition = "jsonb")
    public String livenessFacts;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "match_facts", columnDefinition = "jsonb")
    public String matchFacts;

    public Boolean authenticated;

    public String reason;

    @Column(name = "weights_id")
    public UUID weightsId;

    @Column(name = "biometrics_erased_at")
    public OffsetDateTime biometricsErasedAt;

    @Column(name = "expires_at", nullable = false)
    public OffsetDateTime expiresAt;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    @Column(name = "completed_at")
    public OffsetDateTime completedAt;

    @Version
    public int version;

    public static Optional<IdaSession> ofClient(UUID clientId, UUID id) {
        return find("id = ?1 and clientId = ?2", id, clientId).firstResultOptional();
    }

    public boolean passiveActive() {
        return "passive_active".equals(livenessMode);
    }
}
