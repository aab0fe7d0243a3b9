package io.verity.sessions.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One call on a session (IDV's or IDA's), accepted or refused: an entry of the session's history, with time, actor and
 * outcome. Each service maps its own table onto these columns.
 */
@MappedSuperclass
public abstract class HistoryEntry extends PanacheEntityBase {

    /** Longer details (a list of reasons, say) are cut here. */
    public static final int MAX_DETAIL = 500;

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

    /** Fills this entry for a call on the session made now, and persists it in the caller's transaction. */
    public void record(UUID sessionId, UUID clientId, String event, String endpoint, String actor, String outcome,
            String detail, String requestId) {
        this.sessionId = sessionId;
        this.clientId = clientId;
        this.occurredAt = OffsetDateTime.now();
        this.event = event;
        this.endpoint = endpoint;
        this.actor = actor;
        this.outcome = outcome;
        this.detail = detail == null || detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL);
        this.requestId = requestId;
        persist();
    }
}
