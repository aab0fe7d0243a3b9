package io.verity.idv.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.verity.idv.domain.Session;
import io.verity.idv.domain.SessionEvent;
import io.verity.idv.service.SessionSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;

/** Sessions in the spec's shapes. Names, gender and birth date come with document reading; until then null. */
@ApplicationScoped
public class SessionViews {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    @Inject
    ObjectMapper json;

    public Views.SessionSummary summary(Session s) {
        return new Views.SessionSummary(s.id, s.userId, s.clientId, s.weightsId, s.status, s.documentType, s.createdAt,
                s.completedAt, null, null, null, null, null, null, s.consented, s.consentedAt, s.frontGiven(),
                s.documentFrontGivenAt, s.backGiven(), s.documentBackGivenAt, s.livenessDetected, s.livenessDetectedAt,
                s.selfieGiven(), s.selfieGivenAt, null, null, null, null, s.verified, s.verifiedAt, s.score, s.identityId,
                map(s.metadata));
    }

    public Views.SessionDetail detail(Session s, List<SessionEvent> events) {
        List<Views.HistoryEntry> history = events.stream().map(e -> new Views.HistoryEntry(e.event, e.endpoint,
                e.occurredAt, e.actor, e.outcome, e.detail, e.requestId)).toList();
        return new Views.SessionDetail(s.id, s.userId, s.clientId, s.weightsId, s.status, s.documentType, s.createdAt,
                s.completedAt, null, null, null, null, null, null, s.consented, s.consentedAt, s.frontGiven(),
                s.documentFrontGivenAt, s.backGiven(), s.documentBackGivenAt, s.livenessDetected, s.livenessDetectedAt,
                s.selfieGiven(), s.selfieGivenAt, null, null, null, null, s.verified, s.verifiedAt, s.score, s.identityId,
                map(s.metadata), s.webhookUrl, settings(s), history, s.livenessMode, s.expiresAt, s.requirementsId,
                s.duplicateIdentityId);
    }

    public Views.SdkSession sdk(Session s) {
        SessionSettings st = settings(s);
        return new Views.SdkSession(s.id, s.clientId, s.documentType, s.consented, s.frontGiven(), s.backGiven(),
                s.livenessDetected, s.selfieGiven(), "verity", map(s.sdkMetadata),
                new Views.SdkSettings(st.performImageManipulationTest(), st.performAamvaTest(), st.performOfacTest(),
                        st.performAgeTest(), st.performGenderTest(), st.performLivenessTest()),
                s.status, s.livenessMode);
    }

    public SessionSettings settings(Session s) {
        try {
            return json.readValue(s.settings, SessionSettings.class).withDefaults();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("settings of session " + s.id + " cannot be read", e);
        }
    }

    public Map<String, Object> map(String text) {
        try {
            return text == null ? Map.of() : json.readValue(text, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON cannot be read", e);
        }
    }
}
