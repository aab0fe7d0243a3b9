package io.verity.idv.service.checks;

import io.verity.documents.decision.DocumentEvidence;
import io.verity.idv.domain.Session;
import io.verity.sessions.liveness.LivenessFacts;
import io.verity.idv.service.SessionSettings;
import io.verity.platform.weights.Weights;
import java.util.Map;

/**
 * What a check may read: the session, what liveness measured, the weights, the settings of session and finalization,
 * and the document's evidence (null for sessions decided before document checks existed).
 */
public record CheckContext(Session session, LivenessFacts liveness, Weights weights, SessionSettings settings,
        Map<String, Object> finalizationSettings, DocumentEvidence document) {

    /** A boolean finalization setting ({@code *_fail}), or its default. */
    public boolean flag(String name, boolean fallback) {
        Object value = finalizationSettings.get(name);
        return value instanceof Boolean b ? b : fallback;
    }
}
