package io.verity.ida.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One call on an IDA session, accepted or refused: the session's history. */
@Entity
@Table(schema = "ida", name = "session_events")
public class IdaSessionEvent extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "session_id", nullable = false)
    public UUID sessionId;

    @Column(name = "client_id", nullable = false)
    public UUID clientId;

    @Column(name = "occurred_at", nullable = false)
    public OffsetDateTime occurredAt;

    @Column(nullable = false)
    public String event;

    @Column(nullable = false)
    public String endpoint;

    @Column(nullable = false)
    public String actor;

    @Column(nullable = false)
    public String outcome;

    public String detail;

    @Column(name = "request_id")
    public String requestId;
}
