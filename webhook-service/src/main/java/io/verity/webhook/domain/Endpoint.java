package io.verity.webhook.domain;

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

/** A URL of a client's that receives the events of its filter, signed with its secret. */
@Entity
@Table(schema = "webhook", name = "endpoints")
public class Endpoint extends PanacheEntityBase {

    public static final String ENABLED = "enabled";
    public static final String DISABLED = "disabled";
    /** Registered through the API. */
    public static final String ORIGIN_API = "api";
    /** Created for a session's own webhook_url. */
    public static final String ORIGIN_SESSION = "session";

    @Id
    public UUID id;

    @Column(name = "client_id", nullable = false)
    public UUID clientId;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String url;

    /** Event types this endpoint receives; empty: all. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "event_types", nullable = false, columnDefinition = "text[]")
    public String[] eventTypes;

    @Column(nullable = false)
    public String origin;

    @Column(nullable = false)
    public String status;

    /** manual, gone (the receiver answered 410), failing (failed for longer than verity.webhooks.disable-after). */
    @Column(name = "disabled_reason")
    public String disabledReason;

    @Column(name = "disabled_detail")
    public String disabledDetail;

    @Column(name = "disabled_at")
    public OffsetDateTime disabledAt;

    /** The signing secret, sealed under the client's data key. */
    @Column(nullable = false)
    public byte[] secret;

    @Column(name = "previous_secret")
    public byte[] previousSecret;

    @Column(name = "previous_secret_expires_at")
    public OffsetDateTime previousSecretExpiresAt;

    @Column(name = "failing_since")
    public OffsetDateTime failingSince;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    public static Optional<Endpoint> ofClient(UUID clientId, UUID id) {
        return find("id = ?1 and clientId = ?2", id, clientId).firstResultOptional();
    }
}
