package io.verity.ida.service;

import io.verity.ida.domain.IdaSession;
import io.verity.ida.domain.IdaSessionEvent;
import io.verity.platform.web.RequestIds;
import io.verity.sessions.sdk.SdkRefusals;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/** The history of an IDA session: every call on it, with time, actor and outcome. */
@ApplicationScoped
public class IdaHistory implements SdkRefusals {

    private static final Logger LOG = Logger.getLogger(IdaHistory.class);

    @Inject
    RequestIds requestIds;

    /** An accepted call, in the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(IdaSession session, String event, String endpoint, String actor, String outcome, String detail) {
        new IdaSessionEvent().record(session.id, session.clientId, event, endpoint, actor, outcome, detail, requestIds.current());
    }

    @Override
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void refused(UUID clientId, UUID sessionId, String event, String endpoint, String actor, String code) {
        IdaSession session = IdaSession.ofClient(clientId, sessionId).orElse(null);
        if (session == null) {
            return;
        }
        record(session, event, endpoint, actor, "refused", code);
        LOG.infof("ida session %s: %s refused (%s)", sessionId, event, code);
    }

    public List<IdaSessionEvent> of(UUID sessionId) {
        return IdaSessionEvent.<IdaSessionEvent>find("sessionId = ?1 order by id", sessionId).list();
    }
}
