package io.verity.idv.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.verity.sessions.matcher.MatcherClient;
import io.verity.idv.domain.Session;
import io.verity.idv.domain.SessionFile;
import io.verity.idv.domain.SessionStatus;
import io.verity.documents.decision.DocumentEvidence;
import io.verity.documents.sanctions.SanctionsMatch;
import io.verity.idv.service.checks.CheckResult;
import io.verity.platform.identities.Identity;
import io.verity.platform.weights.DocumentType;
import io.verity.platform.weights.Requirements;
import io.verity.platform.weights.Weights;
import io.verity.platform.weights.WeightsClient;
import io.verity.platform.weights.WeightsUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;
import io.verity.sessions.liveness.LivenessFacts;
import io.verity.sessions.images.FileTypes;

/**
 * Finalization: the document's evidence is gathered once ({@link DocumentAnalysis}), the checks (the check beans and
 * the document checks) are decided in one scoring step ({@link DecisionService}) with the weights in force, the session
 * records what the decision was made from and which weights and requirements versions those were, and a verified
 * session creates its identity and enrols the selfie in the verified-identities gallery. See
 * docs/adr/0009-finalization-as-a-pipeline-of-checks.md and docs/adr/0018-one-scoring-step-for-documents.md.
 */
@ApplicationScoped
public class FinalizationService {

    private static final Logger LOG = Logger.getLogger(FinalizationService.class);

    /** The decision and every check's outcome. */
    public record Decision(boolean verified, Boolean onSanctionList, List<SanctionsMatch> sanctionMatches, float score,
            List<CheckResult> checks, io.verity.documents.decision.Decision scoring, UUID identityId,
            UUID duplicateIdentityId) {
    }

    private record Prepared(Session session, LivenessFacts facts, SessionSettings settings, byte[] selfie, byte[] front,
            byte[] back) {
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
    DocumentAnalysis analysis;

    @Inject
    DecisionService decisions;

    @Inject
    DocumentFill documents;

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
            byte[] front = SessionFile.of(clientId, s.id, FileTypes.front(s.documentType)).map(store::read).orElse(null);
            byte[] back = FileTypes.hasBack(s.documentType)
                    ? SessionFile.of(clientId, s.id, FileTypes.back(s.documentType)).map(store::read).orElse(null) : null;
            return new Prepared(s, json.readValue(s.livenessFacts, LivenessFacts.class), sessions.settings(s),
                    store.read(selfie), front, back);
        });
        Session snapshot = prepared.session();
        Weights weights = liveness.weights(clientId, snapshot.userId);
        Requirements requirements = requirements(clientId, snapshot);
        DocumentEvidence evidence = prepared.front() == null ? null
                : analysis.analyze(clientId, sessionId, snapshot.documentType, prepared.front(), prepared.back(),
                        prepared.facts().documentFace(), Boolean.TRUE.equals(prepared.settings().performOfacTest()),
                        weights.ofacFuzzyMatchTolerance(), aamvaScenario(prepared.settings(), finalizationSettings));
        List<String> required = DecisionService.requiredFields(requirements);
        if (evidence != null && evidence.reading() != null && evidence.reading().rawBarcode() != null
                && !required.contains("raw_barcode")) {
            evidence = DocumentAnalysis.withoutRawBarcode(evidence); // kept only when the requirements ask for it
        }
        DecisionService.Inputs inputs = new DecisionService.Inputs(evidence,
                finalizationSettings == null ? Map.of() : finalizationSettings, required,
                weights.id(), requirements == null ? null : requirements.id());
        DecisionService.Outcome outcome = decisions.decide(snapshot, prepared.facts(), prepared.settings(), weights, inputs);
        List<CheckResult> results = outcome.checks();
        boolean verified = outcome.decision().verified();
        float score = outcome.decision().score();
        List<SanctionsMatch> sanctionMatches = evidence == null ? null : evidence.sanctions();
        DocumentEvidence stored = evidence;
        Boolean onSanctionList = sanctionMatches == null ? null : !sanctionMatches.isEmpty();
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
                s.onSanctionList = onSanctionList;
                s.sanctionMatches = sanctionMatches == null ? null : write(sanctionMatches);
                s.decisionInputs = write(inputs);
                s.decision = write(outcome.decision());
                s.duplicateIdentityId = duplicate;
                documents.fill(s, stored);
                s.weightsId = weights.id();
                s.requirementsId = requirements == null ? null : requirements.id();
                s.testResults = write(results);
                s.updatedAt = now;
                Identity.getEntityManager().flush();
                lifecycle.change(s, SessionStatus.COMPLETE);
                history.record(s, "finalized", "sdkIdvFinalization", actor, "accepted", (verified ? "verified" : "not verified")
                        + outcome.decision().details().stream().map(d -> d.code() + " " + d.decision().wire() + " (" + d.check() + ")")
                                .reduce("", (a, b) -> a + "; " + b));
            });
        } catch (RuntimeException e) {
            if (verified) {
                matcher.forget(clientId, Identity.GALLERY, identityId.toString());
            }
            throw e;
        }
        LOG.infof("session %s finalized: verified=%s score=%.2f reasons=%s identity=%s duplicate=%s", sessionId, verified,
                score, outcome.decision().details().stream().map(d -> d.code() + "/" + d.decision().wire()).toList(),
                identityId, duplicate);
        return new Decision(verified, onSanctionList, sanctionMatches, score, results, outcome.decision(), identityId,
                duplicate);
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The AAMVA test scenario the local DLDV simulator answers from, when perform_aamva_test asks for the DMV; null
     * otherwise (no live DLDV connector in this build). An unknown scenario is a 400 before anything is decided.
     */
    private static String aamvaScenario(SessionSettings settings, Map<String, Object> finalization) {
        if (!Boolean.TRUE.equals(settings.performAamvaTest()) || finalization == null) {
            return null;
        }
        Object scenario = finalization.get("aamva_test_scenario");
        if (scenario == null) {
            return null;
        }
        if (!(scenario instanceof String s) || !io.verity.documents.dmv.AamvaSimulator.SCENARIOS.containsKey(s)) {
            throw io.verity.platform.error.ProblemException.invalidField("aamva_test_scenario", "must be one of "
                    + io.verity.documents.dmv.AamvaSimulator.SCENARIOS.keySet().stream().sorted().toList());
        }
        return s;
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
