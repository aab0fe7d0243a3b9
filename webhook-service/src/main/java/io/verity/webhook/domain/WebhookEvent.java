package io.verity.webhook.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** An event as received from a service's outbox; {@link #body} is the exact JSON every attempt sends and signs. */
@Entity
@Table(schema = "webhook", name = "events")
public class WebhookEvent extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "client_id", nullable = false)
    public UUID clientId;

    @Column(nullable = false)
    public String type;

    @Column(name = "occurred_at", nullable = false)
    public OffsetDateTime occurredAt;

    @Column(name = "source_service", nullable = false)
    public String sourceService;

    @Column(nullable = false)
    public String body;

    @Column(name = "received_at", nullable = false)
    public OffsetDateTime receivedAt;
}
