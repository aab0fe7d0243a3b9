package io.verity.idv.service;

import io.verity.idv.domain.Session;
import io.verity.idv.domain.SessionEvent;
import io.verity.platform.web.RequestIds;
import io.verity.sessions.sdk.SdkRefusals;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/** The history of a session: every call on it, with time, actor and outcome. */
@ApplicationScoped
public class SessionHistory implements SdkRefusals {

    private static final Logger LOG = Logger.getLogger(SessionHistory.class);

    @Inject
    RequestIds requestIds;

    /** An accepted call, in the caller's transaction (it is history only if the change commits). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(Session session, String event, String endpoint, String actor, String outcome, String detail) {
        new SessionEvent().record(session.id, session.clientId, event, endpoint, actor, outcome, detail, requestIds.current());
    }

    /** A refused call, in a transaction of its own (the call's own transaction rolled back). */
    @Override
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void refused(UUID clientId, UUID sessionId, String event, String endpoint, String actor, String code) {
        Session session = Session.ofClient(clientId, sessionId).orElse(null);
        if (session == null) {
            return; // not this client's session: nothing to tell its owner
        }
        record(session, event, endpoint, actor, "refused", code);
        LOG.infof("session %s: %s refused (%s)", sessionId, event, code);
    }

    public List<SessionEvent> of(UUID sessionId) {
        return SessionEvent.<SessionEvent>find("sessionId = ?1 order by id", sessionId).list();
    }
}
