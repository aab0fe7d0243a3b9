package io.verity.ida.rest;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.verity.ida.domain.IdaSession;
import io.verity.ida.domain.IdaSessionEvent;
import io.verity.ida.service.IdaSessions;
import io.verity.platform.identities.Identity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/** IDA sessions as the API shows them; names come from the identity (null once it was erased). */
@ApplicationScoped
public class SessionViews {

    @Inject
    ObjectMapper json;

    @Inject
    IdaSessions sessions;

    private Identity identity(IdaSession s) {
        return s.identityId == null ? null : Identity.ofClient(s.clientId, s.identityId).orElse(null);
    }

    Views.SessionSummary summary(IdaSession s) {
        Identity i = identity(s);
        return new Views.SessionSummary(s.userId, s.clientId, s.createdAt, s.completedAt, s.identityId, s.id, s.weightsId,
                s.status, i == null ? null : i.firstName, i == null ? null : i.middleName, i == null ? null : i.lastName,
                i == null ? null : i.nameSuffix, s.livenessDetected, s.livenessDetectedAt, s.selfieGivenAt != null,
                s.selfieGivenAt, s.authenticated, map(s.metadata), s.reason);
    }

    Views.SessionDetail detail(IdaSession s, List<IdaSessionEvent> history) {
        Identity i = identity(s);
        List<Views.HistoryEntry> entries = history.stream().map(e -> new Views.HistoryEntry(e.event, e.endpoint,
                e.occurredAt, e.actor, e.outcome, e.detail, e.requestId)).toList();
        return new Views.SessionDetail(s.id, s.userId, s.clientId, s.weightsId, s.status, s.createdAt, s.completedAt,
                s.identityId, i == null ? null : i.firstName, i == null ? null : i.middleName, i == null ? null : i.lastName,
                i == null ? null : i.nameSuffix, s.livenessDetected, s.livenessDetectedAt, s.selfieGivenAt != null,
                s.selfieGivenAt, s.authenticated, map(s.metadata), s.webhookUrl, sessions.settings(s), entries, s.reason,
                s.livenessMode, IdaSession.IN_PROGRESS.equals(s.status) ? s.expiresAt : null, s.biometricsErasedAt);
    }

    Views.SdkSession sdk(IdaSession s) {
        Identity i = identity(s);
        return new Views.SdkSession(s.id, s.identityId, s.userId, s.clientId, s.status, i == null ? null : i.firstName,
                i == null ? null : i.middleName, i == null ? null : i.lastName, i == null ? null : i.nameSuffix,
                s.livenessDetected, s.livenessDetectedAt, s.selfieGivenAt != null, s.selfieGivenAt, s.authenticated,
                "verity", map(s.sdkMetadata), s.livenessMode);
    }

    Map<String, Object> map(String text) {
        try {
            return text == null ? Map.of() : json.readValue(text, new TypeReference<Map<String, Object>>() {
            });
        } catch (IOException e) {
            throw new IllegalStateException("stored JSON cannot be read", e);
        }
    }
}
