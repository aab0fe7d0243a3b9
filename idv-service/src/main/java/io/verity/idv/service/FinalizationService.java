package io.verity.idv.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.verity.sessions.matcher.MatcherClient;
import io.verity.idv.domain.Session;
import io.verity.idv.domain.SessionFile;
import io.verity.idv.domain.SessionStatus;
import io.verity.idv.service.checks.Check;
import io.verity.idv.service.checks.CheckContext;
import io.verity.idv.service.checks.CheckResult;
import io.verity.platform.identities.Identity;
import io.verity.platform.weights.DocumentType;
import io.verity.platform.weights.Requirements;
import io.verity.platform.weights.Weights;
import io.verity.platform.weights.WeightsClient;
import io.verity.platform.weights.WeightsUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;
import io.verity.sessions.liveness.LivenessFacts;
import io.verity.sessions.images.FileTypes;

/**
 * Finalization: the checks (a pipeline of {@link Check} beans) decide with the weights in force, the session records
 * which weights and requirements versions those were, and a verified session creates its identity and enrols the
 * selfie in the verified-identities gallery. Document checks come with document reading; until then sessionTestRead
 * reports them as not performed. See docs/adr/0009-finalization-as-a-pipeline-of-checks.md.
 */
@ApplicationScoped
public class FinalizationService {

    private static final Logger LOG = Logger.getLogger(FinalizationService.class);

    /** The decision and every check's outcome. */
    public record Decision(boolean verified, Boolean onSanctionList, float score, List<CheckResult> checks,
            UUID identityId, UUID duplicateIdentityId) {
    }

    private record Prepared(Session session, LivenessFacts facts, SessionSettings settings, byte[] selfie) {
    }

    @Inject
    SessionService sessions;

    @Inject
    SessionLifecycle lifecycle;

    @Inject
    SessionHistory history;

    @Inject
    ImageStore store;

    @Inject
    MatcherClient matcher;

    @Inject
    WeightsClient weightsClient;

    @Inject
    LivenessService liveness;

    @Inject
    Instance<Check> checks;

    @Inject
    ObjectMapper json;

    public Decision finalizeSession(UUID clientId, UUID sessionId, Map<String, Object> finalizationSettings, String actor) {
        Prepared prepared = QuarkusTransaction.requiringNew().call(() -> {
            Session s = sessions.forChange(clientId, sessionId, true);
            if (!s.selfieGiven()) {
                throw SessionService.conflict("liveness_required", "liveness must be processed before finalization");
            }
            SessionFile selfie = SessionFile.of(clientId, s.id, FileTypes.SELFIE)
                    .orElseThrow(() -> new IllegalStateException("session " + s.id + " has no stored selfie"));
            return new Prepared(s, json.readValue(s.livenessFacts, LivenessFacts.class), sessions.settings(s), store.read(selfie));
        });
        Session snapshot = prepared.session();
        Weights weights = liveness.weights(clientId, snapshot.userId);
        Requirements requirements = requirements(clientId, snapshot);
        CheckContext context = new CheckContext(snapshot, prepared.facts(), weights, prepared.settings(),
                finalizationSettings == null ? Map.of() : finalizationSettings);
        List<CheckResult> results = checks.stream().sorted(Comparator.comparingInt(Check::order))
                .map(check -> check.evaluate(context)).toList();
        boolean verified = results.stream().noneMatch(r -> Boolean.FALSE.equals(r.passed()) && r.failsSession());
        double weightSum = results.stream().filter(r -> r.passed() != null).mapToDouble(CheckResult::weight).sum();
        double passedSum = results.stream().filter(r -> Boolean.TRUE.equals(r.passed())).mapToDouble(CheckResult::weight).sum();
        float score = weightSum == 0 ? 0 : (float) (passedSum / weightSum);
        UUID duplicate = results.stream().filter(r -> "duplicate_face".equals(r.name()) && r.reference() != null)
                .map(r -> UUID.fromString(r.reference())).findFirst().orElse(null);

        UUID identityId = verified ? UUID.randomUUID() : null;
        if (verified) {
            matcher.enroll(clientId, Identity.GALLERY, identityId.toString(), prepared.selfie());
        }
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                Session s = sessions.forChange(clientId, sessionId, true);
                OffsetDateTime now = OffsetDateTime.now();
                if (verified) {
                    Identity identity = new Identity();
                    identity.id = identityId;
                    identity.clientId = clientId;
                    identity.externalUserId = s.userId;
                    identity.documentType = s.documentType;
                    identity.verified = true;
                    identity.verifiedAt = now;
                    identity.createdAt = now;
                    identity.updatedAt = now;
                    identity.persist();
                    s.identityId = identityId;
                    s.verifiedAt = now;
                }
                s.verified = verified;
                s.score = score;
                s.onSanctionList = null; // OFAC screening needs the document's name: not performed yet
                s.duplicateIdentityId = duplicate;
                s.weightsId = weights.id();
                s.requirementsId = requirements == null ? null : requirements.id();
                s.testResults = write(results);
                s.updatedAt = now;
                Identity.getEntityManager().flush();
                lifecycle.change(s, SessionStatus.COMPLETE);
                history.record(s, "finalized", "sdkIdvFinalization", actor, "accepted", verified ? "verified"
                        : "not verified: " + String.join("; ", results.stream()
                                .filter(r -> Boolean.FALSE.equals(r.passed())).map(r -> r.name() + " (" + r.reason() + ")").toList()));
            });
        } catch (RuntimeException e) {
            if (verified) {
                matcher.forget(clientId, Identity.GALLERY, identityId.toString());
            }
            throw e;
        }
        LOG.infof("session %s finalized: verified=%s score=%.2f identity=%s duplicate=%s", sessionId, verified, score,
                identityId, duplicate);
        return new Decision(verified, null, score, results, identityId, duplicate);
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Requirements requirements(UUID clientId, Session s) {
        DocumentType type = DocumentType.fromWire(s.documentType).orElse(DocumentType.UNKNOWN);
        try {
            return weightsClient.requirements(clientId, s.userId, type, "unknown");
        } catch (WeightsUnavailableException e) {
            LOG.errorf("requirements unavailable: %s", e.getMessage());
            throw new io.verity.platform.error.ProblemException(503, "weights_unavailable",
                    "the client's requirements cannot be read at the moment; retry later");
        }
    }
}
