package io.verity.idv.domain;

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

/** An IDV session of a client: what the SDK has given so far and, once finalized, the decision. */
@Entity
@Table(schema = "idv", name = "sessions")
public class Session extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "client_id", nullable = false)
    public UUID clientId;

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

    @Column(name = "document_type")
    public String documentType;

    @Column(nullable = false)
    public boolean consented;

    @Column(name = "consented_at")
    public OffsetDateTime consentedAt;

    @Column(name = "document_front_given_at")
    public OffsetDateTime documentFrontGivenAt;

    @Column(name = "document_back_given_at")
    public OffsetDateTime documentBackGivenAt;

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
    @Column(name = "test_results", columnDefinition = "jsonb")
    public String testResults;

    public Boolean verified;

    @Column(name = "verified_at")
    public OffsetDateTime verifiedAt;

    public Float score;

    @Column(name = "on_sanction_list")
    public Boolean onSanctionList;

    /** What the decision was made from (docs/adr/0018), so that it can be made again. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "decision_inputs", columnDefinition = "jsonb")
    public String decisionInputs;

    /** The scoring step's result: score, verdict and reason codes. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    public String decision;

    /** The OFAC entries the document's name matched, with scores (empty when screened and clear). */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "sanction_matches", columnDefinition = "jsonb")
    public String sanctionMatches;

    @Column(name = "identity_id")
    public UUID identityId;

    @Column(name = "duplicate_identity_id")
    public UUID duplicateIdentityId;

    @Column(name = "weights_id")
    public UUID weightsId;

    @Column(name = "requirements_id")
    public UUID requirementsId;

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

    public static Optional<Session> ofClient(UUID clientId, UUID id) {
        return find("id = ?1 and clientId = ?2", id, clientId).firstResultOptional();
    }

    public SessionStatus statusE() {
        return SessionStatus.of(status);
    }

    public boolean passiveActive() {
        return "passive_active".equals(livenessMode);
    }

    public boolean frontGiven() {
        return documentFrontGivenAt != null;
    }

    public boolean backGiven() {
        return documentBackGivenAt != null;
    }

    public boolean selfieGiven() {
        return selfieGivenAt != null;
    }
}
