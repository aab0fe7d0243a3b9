package io.verity.webhook.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One try of a delivery, as recorded by the worker that made it (read-only here). */
@Entity
@Table(schema = "webhook", name = "attempts")
public class Attempt extends PanacheEntityBase {

    @Id
    public Long id;

    @Column(name = "delivery_id", nullable = false)
    public UUID deliveryId;

    @Column(name = "client_id", nullable = false)
    public UUID clientId;

    @Column(name = "attempted_at", nullable = false)
    public OffsetDateTime attemptedAt;

    /** scheduled or manual. */
    @Column(nullable = false)
    public String trigger;

    @Column(nullable = false)
    public boolean succeeded;

    @Column(name = "status_code")
    public Integer statusCode;

    /** Why nothing usable came back: an OutboundHttp refusal code (timeout, connect_failed, destination_not_allowed...). */
    public String error;

    @Column(name = "latency_ms", nullable = false)
    public int latencyMs;

    @Column(name = "response_excerpt")
    public String responseExcerpt;
}
