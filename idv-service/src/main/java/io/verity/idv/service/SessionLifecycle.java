package io.verity.idv.service;

import io.quarkus.scheduler.Scheduled;
import io.verity.idv.domain.Session;
import io.verity.idv.domain.SessionStatus;
import io.verity.platform.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * A session's status changes, each written to the outbox in the same transaction
 * ({@value #STATUS_CHANGED}, {@value #COMPLETED}, {@value #IDENTITY_VERIFIED}); and the expiry of sessions left open
 * longer than {@code verity.idv.session-ttl}. See docs/adr/0007-idv-session-lifecycle.md.
 */
@ApplicationScoped
public class SessionLifecycle {

    public static final String STATUS_CHANGED = "idv.session.status_changed";
    public static final String COMPLETED = "idv.session.completed";
    public static final String IDENTITY_VERIFIED = "identity.verified";
    static final String AGGREGATE = "idv_session";

    private static final Logger LOG = Logger.getLogger(SessionLifecycle.class);

    @Inject
    Outbox outbox;

    @Inject
    SessionHistory history;

    /** Records the session's first status. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void created(Session session) {
        outbox.record(session.clientId, AGGREGATE, session.id.toString(), STATUS_CHANGED, payload(session, null));
    }

    /** Moves the session to {@code next} and publishes it; in the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void change(Session session, SessionStatus next) {
        String previous = session.status;
        if (previous.equals(next.wire())) {
            return;
        }
        OffsetDateTime now = OffsetDateTime.now();
        session.status = next.wire();
        session.updatedAt = now;
        if (next == SessionStatus.COMPLETE) {
            session.completedAt = now;
        }
        outbox.record(session.clientId, AGGREGATE, session.id.toString(), STATUS_CHANGED, payload(session, previous));
        if (next == SessionStatus.COMPLETE) {
            Map<String, Object> completed = payload(session, previous);
            completed.put("verified", session.verified);
            completed.put("score", session.score);
            completed.put("identity_id", session.identityId);
            completed.put("duplicate_identity_id", session.duplicateIdentityId);
            outbox.record(session.clientId, AGGREGATE, session.id.toString(), COMPLETED, completed);
            if (Boolean.TRUE.equals(session.verified) && session.identityId != null) {
                Map<String, Object> verified = new LinkedHashMap<>();
                verified.put("identity_id", session.identityId);
                verified.put("session_id", session.id);
                verified.put("client_id", session.clientId);
                verified.put("status", session.status);
                verified.put("occurred_at", now);
                outbox.record(session.clientId, "identity", session.identityId.toString(), IDENTITY_VERIFIED, verified);
            }
        }
        LOG.infof("session %s of client %s: %s -> %s", session.id, session.clientId, previous, next.wire());
    }

    /** Expires the session now if it is open past its time; true if it did. Commits on its own. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean expireIfDue(UUID sessionId) {
        List<Session> due = Session.<Session>find("id = ?1 and status = 'in_progress' and expiresAt < ?2", sessionId,
                OffsetDateTime.now()).withLock(LockModeType.PESSIMISTIC_WRITE).list();
        due.forEach(this::expire);
        return !due.isEmpty();
    }

    /** Every minute: expire what is due, a bounded batch at a time. */
    @Scheduled(every = "60s", delayed = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void sweep() {
        List<Session> due = Session.<Session>find("status = 'in_progress' and expiresAt < ?1 order by expiresAt",
                OffsetDateTime.now()).withLock(LockModeType.PESSIMISTIC_WRITE).page(0, 500).list();
        due.forEach(this::expire);
    }

    private void expire(Session session) {
        change(session, SessionStatus.EXPIRED);
        history.record(session, "expired", "scheduler", "system", "accepted", null);
    }

    static Map<String, Object> payload(Session session, String previous) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("session_id", session.id);
        payload.put("client_id", session.clientId);
        payload.put("status", session.status);
        payload.put("previous_status", previous);
        payload.put("occurred_at", session.updatedAt);
        return payload;
    }
}
