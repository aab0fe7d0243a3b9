package io.verity.idv.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.verity.idv.config.IdvConfig;
import io.verity.sessions.domain.Document;
import io.verity.idv.domain.Session;
import io.verity.idv.domain.SessionStatus;
import io.verity.platform.error.ProblemException;
import io.verity.platform.net.OutboundHttp;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Sessions: creation by the customer's backend, and the SDK's steps before liveness (consent, document type, SDK
 * metadata). Every SDK change takes the session's row lock, checks the session is open and the step's turn has come,
 * and commits its change, its history entry and its events together; a refused call changes nothing.
 */
@ApplicationScoped
public class SessionService {

    public static final Set<String> LIVENESS_MODES = Set.of("passive", "passive_active");
    public static final Set<String> DOCUMENT_TYPES = Set.of("unknown", "driver_license", "identification_card", "passport",
            "passport_card");
    static final int MAX_METADATA_BYTES = 16_384;

    @Inject
    IdvConfig config;

    @Inject
    SessionLifecycle lifecycle;

    @Inject
    SessionHistory history;

    @Inject
    OutboundHttp outbound;

    @Inject
    ObjectMapper json;

    @Inject
    EntityManager entityManager;

    @Transactional
    public Session create(UUID clientId, String actor, Map<String, String> metadata, String livenessMode, String webhookUrl,
            SessionSettings settings) {
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
        OffsetDateTime now = OffsetDateTime.now();
        Session s = new Session();
        s.id = UUID.randomUUID();
        s.clientId = clientId;
        s.userId = userId;
        s.status = SessionStatus.IN_PROGRESS.wire();
        s.livenessMode = mode;
        s.webhookUrl = webhookUrl == null || webhookUrl.isBlank() ? null : webhookUrl.strip();
        s.metadata = write(meta, "metadata");
        s.settings = write((settings == null ? SessionSettings.DEFAULTS : settings).withDefaults(), "settings");
        s.sdkMetadata = "{}";
        s.consented = false;
        s.createdAt = now;
        s.updatedAt = now;
        s.expiresAt = now.plus(config.sessionTtl());
        s.persist();
        lifecycle.created(s);
        history.record(s, "created", "sessionCreate", actor, "accepted", null);
        return s;
    }

    /** The session of this client, expired first if its time is up; 404 for anyone else's. */
    @Transactional
    public Session read(UUID clientId, UUID sessionId) {
        Session session = Session.ofClient(clientId, sessionId).orElseThrow(() -> notFound(sessionId));
        if (lifecycle.expireIfDue(session.id)) {
            entityManager.refresh(session);
        }
        return session;
    }

    /**
     * The session, locked for a change by the SDK: it must belong to the client, be open, and (unless this is the
     * consent itself) have the user's consent.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Session forChange(UUID clientId, UUID sessionId, boolean needsConsent) {
        lifecycle.expireIfDue(sessionId);
        Session session = Session.<Session>find("id = ?1 and clientId = ?2", sessionId, clientId)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional().orElseThrow(() -> notFound(sessionId));
        switch (session.statusE()) {
            case IN_PROGRESS -> {
            }
            case EXPIRED -> throw conflict("session_expired", "the session has expired; the customer must start a new one");
            case COMPLETE, TEMPORARILY_COMPLETE -> throw conflict("session_complete", "the session is finalized and can no longer change");
            case TEMPORARILY_BLOCKED -> throw conflict("session_blocked", "the session is blocked after too many failed liveness attempts");
        }
        if (needsConsent && !session.consented) {
            throw conflict("consent_required", "the user's consent (sdkAddIdentityConsent) must come first");
        }
        return session;
    }

    @Transactional
    public void consent(UUID clientId, UUID sessionId, boolean consented, String actor) {
        Session s = forChange(clientId, sessionId, false);
        if (s.consented) {
            throw conflict("already_consented", "consent was already given for this session");
        }
        if (!consented) {
            history.record(s, "consent_declined", "sdkAddIdentityConsent", actor, "accepted", null);
            return;
        }
        s.consented = true;
        s.consentedAt = OffsetDateTime.now();
        s.updatedAt = s.consentedAt;
        history.record(s, "consented", "sdkAddIdentityConsent", actor, "accepted", null);
    }

    @Transactional
    public void documentType(UUID clientId, UUID sessionId, String type, String actor) {
        if (type == null || !DOCUMENT_TYPES.contains(type)) {
            throw ProblemException.invalidField("document_type_e", "must be one of " + DOCUMENT_TYPES);
        }
        Session s = forChange(clientId, sessionId, true);
        if (s.frontGiven()) {
            throw conflict("document_already_given", "the document type cannot change after the front image was given");
        }
        s.documentType = type;
        s.updatedAt = OffsetDateTime.now();
        Document document = Document.<Document>find("sessionId", s.id).firstResult();
        if (document == null) {
            document = new Document();
            document.id = UUID.randomUUID();
            document.sessionId = s.id;
            document.clientId = s.clientId;
            document.dataSource = "unknown";
            document.createdAt = s.updatedAt;
        }
        document.type = type;
        document.updatedAt = s.updatedAt;
        document.persist();
        history.record(s, "document_type_updated", "sdkDocumentTypeUpdate", actor, "accepted", type);
    }

    @Transactional
    public void sdkMetadata(UUID clientId, UUID sessionId, Map<String, Object> metadata, String actor) {
        if (metadata == null) {
            throw ProblemException.invalidField("sdk_metadata", "an object is required");
        }
        Session s = forChange(clientId, sessionId, true);
        s.sdkMetadata = write(metadata, "sdk_metadata");
        s.updatedAt = OffsetDateTime.now();
        history.record(s, "sdk_metadata_updated", "sdkMetadataUpdate", actor, "accepted", null);
    }

    public SessionSettings settings(Session session) {
        try {
            return json.readValue(session.settings, SessionSettings.class).withDefaults();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("settings of session " + session.id + " cannot be read", e);
        }
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
