package io.verity.webhook.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/** One event to one endpoint: pending until a 2xx (succeeded) or until the schedule or the endpoint gives up (failed). */
@Entity
@Table(schema = "webhook", name = "deliveries")
public class Delivery extends PanacheEntityBase {

    public static final String PENDING = "pending";
    public static final String SUCCEEDED = "succeeded";
    public static final String FAILED = "failed";

    @Id
    public UUID id;

    @Column(name = "client_id", nullable = false)
    public UUID clientId;

    @Column(name = "event_id", nullable = false)
    public UUID eventId;

    @Column(name = "endpoint_id", nullable = false)
    public UUID endpointId;

    @Column(nullable = false)
    public String status;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "next_attempt_at")
    public OffsetDateTime nextAttemptAt;

    @Column(name = "leased_until")
    public OffsetDateTime leasedUntil;

    @Column(name = "last_status_code")
    public Integer lastStatusCode;

    @Column(name = "last_error")
    public String lastError;

    /** The next attempt was asked for by the client (redelivery, test). */
    @Column(nullable = false)
    public boolean manual;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    @Column(name = "delivered_at")
    public OffsetDateTime deliveredAt;

    public static Optional<Delivery> ofEndpoint(UUID clientId, UUID endpointId, UUID id) {
        return find("id = ?1 and clientId = ?2 and endpointId = ?3", id, clientId, endpointId).firstResultOptional();
    }
}
