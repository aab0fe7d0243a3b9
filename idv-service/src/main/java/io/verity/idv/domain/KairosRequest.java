package io.verity.idv.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A full ID verification request (Kairos API), queued until a worker decides it. */
@Entity
@Table(schema = "idv", name = "kairos_requests")
public class KairosRequest extends PanacheEntityBase {

    public static final String QUEUED = "queued";
    public static final String PROCESSING = "processing";
    public static final String DONE = "done";
    public static final String FAILED = "failed";

    @Id
    public UUID id;

    @Column(name = "client_id", nullable = false)
    public UUID clientId;

    @Column(nullable = false)
    public String profile;

    @Column(nullable = false)
    public String status;

    @Column(name = "selfie_key", nullable = false)
    public String selfieKey;

    @Column(name = "document_key", nullable = false)
    public String documentKey;

    @Column(name = "document_back_key")
    public String documentBackKey;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "lease_until")
    public OffsetDateTime leaseUntil;

    @Column(name = "requested_at", nullable = false)
    public OffsetDateTime requestedAt;

    @Column(name = "processed_at")
    public OffsetDateTime processedAt;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    public String result;

    public String error;

    @Column(name = "request_id")
    public String requestId;

    public static Optional<KairosRequest> ofClient(UUID clientId, UUID id) {
        return find("id = ?1 and clientId = ?2", id, clientId).firstResultOptional();
    }
}
