package io.verity.ida.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.scheduler.Scheduled;
import io.verity.ida.config.IdaConfig;
import io.verity.ida.domain.IdaSession;
import io.verity.platform.error.ProblemException;
import io.verity.platform.identities.Identity;
import io.verity.platform.net.OutboundHttp;
import io.verity.platform.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * IDA sessions: creation for a verified identity, reads, the SDK's changes, the lifecycle (in_progress, then complete,
 * temporarily_blocked or expired) and its events through the outbox ({@value #STATUS_CHANGED}, {@value #COMPLETED}).
 */
@ApplicationScoped
public class IdaSessions {

    public static final String STATUS_CHANGED = "ida.session.status_changed";
    public static final String COMPLETED = "ida.session.completed";
    static final String AGGREGATE = "ida_session";
    static final Set<String> LIVENESS_MODES = Set.of("passive", "passive_active");
    static final int MAX_METADATA_BYTES = 16_384;

    private static final Logger LOG = Logger.getLogger(IdaSessions.class);

    @Inject
    IdaConfig config;

    @Inject
    IdaHistory history;

    @Inject
    Outbox outbox;

    @Inject
    OutboundHttp outbound;

    @Inject
    ObjectMapper json;

    @Inject
    EntityManager entityManager;

    @Transactional
    public IdaSession create(UUID clientId, String actor, String identityIdText, Map<String, String> metadata,
            String livenessMode, String webhookUrl, IdaSettings settings) {
        if (identityIdText == null || identityIdText.isBlank()) {
            throw ProblemException.invalidField("identity_id", "is required");
        }
        UUID identityId = Identities.parse(identityIdText);
        String mode = livenessMode == null ? "passive" : livenessMode;
        if (!LIVENESS_MODES.contains(mode)) {
            throw ProblemException.invalidField("liveness_mode", "must be passive or passive_active");
        }
        if (webhookUrl != null && !webhookUrl.isBlank()) {
            if (webhookUrl.length() > 2000) {
                throw ProblemException.invalidField("webhook_url", "at most 2000 characters");
            }
            outbound.check(webhookUrl, "webhook_url");
        }
        Map<String, String> meta = metadata == null ? Map.of() : metadata;
        String userId = meta.get("user_id");
        if (userId != null && (userId.isBlank() || userId.length() > 200)) {
            throw ProblemException.invalidField("metadata.user_id", "1 to 200 characters");
        }
        Identity identity = Identity.ofClient(clientId, identityId)
                .orElseThrow(() -> ProblemException.notFound("identity " + identityId));
        if (!identity.verified) {
            throw conflict("identity_not_verified", "only a verified identity can authenticate");
        }
        if (Identities.biometricsErased(entityManager, identityId)) {
            throw conflict("identity_erased", "the identity's biometric data was erased; it must verify again");
        }
        OffsetDateTime now = OffsetDateTime.now();
        IdaSession s = new IdaSession();
        s.id = UUID.randomUUID();
        s.clientId = clientId;
        s.identityId = identityId;
        s.userId = userId != null ? userId : identity.externalUserId;
        s.status = IdaSession.IN_PROGRESS;
        s.livenessMode = mode;
        s.webhookUrl = webhookUrl == null || webhookUrl.isBlank() ? null : webhookUrl.strip();
        s.metadata = write(meta, "metadata");
        s.settings = write((settings == null ? IdaSettings.DEFAULTS : settings).withDefaults(), "settings");
        s.sdkMetadata = "{}";
        s.createdAt = now;
        s.updatedAt = now;
        s.expiresAt = now.plus(config.sessionTtl());
        s.persist();
        outbox.record(s.clientId, AGGREGATE, s.id.toString(), STATUS_CHANGED, payload(s, null));
        history.record(s, "created", "identityAuthenticationSessionCreate", actor, "accepted", "identity " + identityId);
        return s;
    }

    /** The session of this client, expired first if its time is up; 404 for anyone else's. */
    @Transactional
    public IdaSession read(UUID clientId, UUID sessionId) {
        IdaSession s = IdaSession.ofClient(clientId, sessionId).orElseThrow(() -> notFound(sessionId));
        if (expireIfDue(s)) {
            history.record(s, "expired", "scheduler", "system", "accepted", null);
        }
        return s;
    }

    /** The session locked for a change by the SDK: this client's, and open. */
    @Transactional(Transactional.TxType.MANDATORY)
    public IdaSession forChange(UUID clientId, UUID sessionId) {
        IdaSession s = IdaSession.<IdaSession>find("id = ?1 and clientId = ?2", sessionId, clientId)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional().orElseThrow(() -> notFound(sessionId));
        if (IdaSession.IN_PROGRESS.equals(s.status) && s.expiresAt.isBefore(OffsetDateTime.now())) {
            // refused; the read or the sweep records the expiry (this call's transaction rolls back)
            throw conflict("session_expired", "the session has expired; the customer must start a new one");
        }
        switch (s.status) {
            case IdaSession.IN_PROGRESS -> {
            }
            case IdaSession.EXPIRED -> throw conflict("session_expired", "the session has expired; the customer must start a new one");
            case IdaSession.BLOCKED -> throw conflict("session_blocked", "the session is blocked after too many failed liveness attempts");
            default -> throw conflict("session_complete", "the session is finalized and can no longer change");
        }
        if (s.identityId == null) {
            throw conflict("identity_erased", "the identity of this session was erased");
        }
        return s;
    }

    @Transactional
    public void sdkMetadata(UUID clientId, UUID sessionId, Map<String, Object> metadata, String actor) {
        if (metadata == null) {
            throw ProblemException.invalidField("sdk_metadata", "an object is required");
        }
        IdaSession s = forChange(clientId, sessionId);
        s.sdkMetadata = write(metadata, "sdk_metadata");
        s.updatedAt = OffsetDateTime.now();
        history.record(s, "sdk_metadata_updated", "sdkMetadataUpdate", actor, "accepted", null);
    }

    /** Moves the session to {@code next} and publishes it; in the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void change(IdaSession s, String next) {
        String previous = s.status;
        if (previous.equals(next)) {
            return;
        }
        OffsetDateTime now = OffsetDateTime.now();
        s.status = next;
        s.updatedAt = now;
        if (IdaSession.COMPLETE.equals(next)) {
            s.completedAt = now;
        }
        outbox.record(s.clientId, AGGREGATE, s.id.toString(), STATUS_CHANGED, payload(s, previous));
        if (IdaSession.COMPLETE.equals(next)) {
            Map<String, Object> completed = payload(s, previous);
            completed.put("identity_id", s.identityId);
            completed.put("authenticated", s.authenticated);
            completed.put("reason", s.reason);
            outbox.record(s.clientId, AGGREGATE, s.id.toString(), COMPLETED, completed);
        }
        LOG.infof("ida session %s of client %s: %s -> %s", s.id, s.clientId, previous, next);
    }

    private boolean expireIfDue(IdaSession s) {
        if (IdaSession.IN_PROGRESS.equals(s.status) && s.expiresAt.isBefore(OffsetDateTime.now())) {
            change(s, IdaSession.EXPIRED);
            return true;
        }
        return false;
    }

    /** Every minute: expire what is due, a bounded batch at a time. */
    @Scheduled(every = "60s", delayed = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void sweep() {
        List<IdaSession> due = IdaSession.<IdaSession>find("status = 'in_progress' and expiresAt < ?1 order by expiresAt",
                OffsetDateTime.now()).withLock(LockModeType.PESSIMISTIC_WRITE).page(0, 500).list();
        for (IdaSession s : due) {
            change(s, IdaSession.EXPIRED);
            history.record(s, "expired", "scheduler", "system", "accepted", null);
        }
    }

    public IdaSettings settings(IdaSession s) {
        try {
            return json.readValue(s.settings, IdaSettings.class).withDefaults();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("settings of session " + s.id + " cannot be read", e);
        }
    }

    Map<String, Object> payload(IdaSession s, String previous) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("session_id", s.id);
        payload.put("client_id", s.clientId);
        payload.put("status", s.status);
        payload.put("previous_status", previous);
        payload.put("occurred_at", s.updatedAt);
        if (s.webhookUrl != null) {
            payload.put("webhook_url", s.webhookUrl); // the relay delivers the event to the session's own URL too
        }
        return payload;
    }

    String write(Object value, String field) {
        try {
            String text = json.writeValueAsString(value);
            if (text.length() > MAX_METADATA_BYTES) {
                throw ProblemException.invalidField(field, "at most " + MAX_METADATA_BYTES + " bytes of JSON");
            }
            return text;
        } catch (JsonProcessingException e) {
            throw ProblemException.invalidField(field, "cannot be written as JSON");
        }
    }

    public static ProblemException notFound(UUID sessionId) {
        return ProblemException.notFound("session " + sessionId);
    }

    public static ProblemException conflict(String code, String detail) {
        return new ProblemException(409, code, detail);
    }
}
