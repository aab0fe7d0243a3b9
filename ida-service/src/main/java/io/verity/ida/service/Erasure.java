package io.verity.ida.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.verity.ida.domain.IdaSessionFile;
import io.verity.ida.domain.IdvSessionFile;
import io.verity.platform.error.ProblemException;
import io.verity.platform.identities.Identity;
import io.verity.platform.web.RequestIds;
import io.verity.sessions.matcher.MatcherClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Erasure of biometric data (docs/adr/0016): an identity's face templates in every gallery (through the matcher, which
 * erases them in the database at once and from every replica's index within its refresh), the images of its IDV and
 * IDA sessions (blob store), their liveness and match facts, and, when the person asked, the identity itself and its
 * documents. Each erasure leaves one {@code core.erasures} row: ids and counts, nothing biometric.
 */
@ApplicationScoped
public class Erasure {

    public static final String REQUEST = "request";
    public static final String RETENTION = "retention";

    private static final Logger LOG = Logger.getLogger(Erasure.class);

    @Inject
    MatcherClient matcher;

    @Inject
    Images images;

    @Inject
    EntityManager entityManager;

    @Inject
    RequestIds requestIds;

    @Inject
    ObjectMapper json;

    /**
     * Erases an identity's biometric data; with {@code cause} request also the identity and its documents. The
     * matcher is called before (nothing in the database changes if it cannot be reached: 503) and again after the
     * commit, so that a template enrolled meanwhile does not outlive the erasure.
     */
    public Map<String, Object> eraseIdentity(UUID clientId, UUID identityId, String cause, String actor) {
        boolean exists = QuarkusTransaction.requiringNew().call(() -> Identity.ofClient(clientId, identityId).isPresent());
        if (!exists) {
            throw ProblemException.notFound("identity " + identityId);
        }
        MatcherClient.Erased faces = matcher.eraseIdentity(clientId, identityId);
        Map<String, Object> counts = QuarkusTransaction.requiringNew().call(() -> {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("templates", faces.templates());
            c.put("galleries", faces.galleries().size());
            List<UUID> idvSessions = ids("SELECT id FROM idv.sessions WHERE client_id = ?1 AND identity_id = ?2", clientId, identityId);
            List<UUID> idaSessions = ids("SELECT id FROM ida.sessions WHERE client_id = ?1 AND identity_id = ?2", clientId, identityId);
            c.put("idv_sessions", idvSessions.size());
            c.put("ida_sessions", idaSessions.size());
            c.put("images", eraseIdvSessions(clientId, idvSessions) + eraseIdaSessions(clientId, idaSessions));
            if (REQUEST.equals(cause)) {
                c.put("documents", update("DELETE FROM idv.documents WHERE client_id = ?1 AND session_id = ANY(?2)",
                        clientId, idvSessions));
                // the documents' perceptual hashes (online-duplication sightings) and what the decision read from them
                c.put("document_hashes", update("DELETE FROM idv.document_hashes WHERE client_id = ?1 AND source_id = ANY(?2)",
                        clientId, idvSessions));
                update("UPDATE idv.sessions SET decision_inputs = NULL, sanction_matches = NULL WHERE client_id = ?1 "
                        + "AND id = ANY(?2)", clientId, idvSessions);
                update("DELETE FROM idv.captures WHERE client_id = ?1 AND session_id = ANY(?2)", clientId, idvSessions);
                update("DELETE FROM ida.captures WHERE client_id = ?1 AND session_id = ANY(?2)", clientId, idaSessions);
                entityManager.createNativeQuery("DELETE FROM core.identities WHERE client_id = ?1 AND id = ?2")
                        .setParameter(1, clientId).setParameter(2, identityId).executeUpdate();
            } else {
                entityManager.createNativeQuery("UPDATE core.identities SET biometrics_erased_at = now(), updated_at = now() "
                        + "WHERE client_id = ?1 AND id = ?2").setParameter(1, clientId).setParameter(2, identityId).executeUpdate();
            }
            audit(clientId, "identity", identityId, cause, actor, c);
            return c;
        });
        MatcherClient.Erased late = matcher.eraseIdentity(clientId, identityId);
        if (late.templates() > 0) {
            LOG.warnf("identity %s: %d templates enrolled during its erasure were erased too", identityId, late.templates());
        }
        LOG.infof("erased identity %s of client %s (%s, by %s): %s", identityId, clientId, cause, actor, counts);
        return counts;
    }

    /** Retention of a session not tied to an erased identity: its images and facts. In the caller's transaction. */
    public int eraseIdvSession(UUID clientId, UUID sessionId) {
        int n = eraseIdvSessions(clientId, List.of(sessionId));
        audit(clientId, "idv_session", sessionId, RETENTION, "retention", Map.of("images", n));
        return n;
    }

    public int eraseIdaSession(UUID clientId, UUID sessionId) {
        int n = eraseIdaSessions(clientId, List.of(sessionId));
        audit(clientId, "ida_session", sessionId, RETENTION, "retention", Map.of("images", n));
        return n;
    }

    private int eraseIdvSessions(UUID clientId, List<UUID> sessions) {
        if (sessions.isEmpty()) {
            return 0;
        }
        List<IdvSessionFile> files = IdvSessionFile.list("clientId = ?1 and sessionId in ?2", clientId, sessions);
        files.forEach(images::erase);
        update("UPDATE idv.sessions SET liveness_facts = NULL, test_results = NULL, liveness_token_hash = NULL, "
                + "biometrics_erased_at = now(), updated_at = now() WHERE client_id = ?1 AND id = ANY(?2)", clientId, sessions);
        return files.size();
    }

    private int eraseIdaSessions(UUID clientId, List<UUID> sessions) {
        if (sessions.isEmpty()) {
            return 0;
        }
        List<IdaSessionFile> files = IdaSessionFile.list("clientId = ?1 and sessionId in ?2", clientId, sessions);
        files.forEach(images::erase);
        update("UPDATE ida.sessions SET liveness_facts = NULL, match_facts = NULL, liveness_token_hash = NULL, "
                + "biometrics_erased_at = now(), updated_at = now() WHERE client_id = ?1 AND id = ANY(?2)", clientId, sessions);
        return files.size();
    }

    private void audit(UUID clientId, String type, UUID id, String cause, String actor, Map<String, Object> counts) {
        try {
            entityManager.createNativeQuery("INSERT INTO core.erasures (id, client_id, subject_type, subject_id, cause, "
                            + "actor, counts, request_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, CAST(?7 AS jsonb), ?8)")
                    .setParameter(1, UUID.randomUUID()).setParameter(2, clientId).setParameter(3, type).setParameter(4, id)
                    .setParameter(5, cause).setParameter(6, actor).setParameter(7, json.writeValueAsString(counts))
                    .setParameter(8, requestIds.current()).executeUpdate();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private List<UUID> ids(String sql, UUID clientId, UUID identityId) {
        return entityManager.createNativeQuery(sql).setParameter(1, clientId).setParameter(2, identityId).getResultList();
    }

    private int update(String sql, UUID clientId, List<UUID> ids) {
        if (ids.isEmpty()) {
            return 0;
        }
        return entityManager.createNativeQuery(sql).setParameter(1, clientId).setParameter(2, ids.toArray(UUID[]::new))
                .executeUpdate();
    }
}
