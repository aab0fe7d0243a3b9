package io.verity.idv.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.verity.documents.decision.Decider;
import io.verity.documents.decision.Decision;
import io.verity.documents.decision.DocumentChecks;
import io.verity.documents.decision.DocumentEvidence;
import io.verity.documents.decision.Policy;
import io.verity.idv.domain.Session;
import io.verity.idv.service.checks.Check;
import io.verity.idv.service.checks.CheckContext;
import io.verity.idv.service.checks.CheckResult;
import io.verity.platform.error.ProblemException;
import io.verity.platform.weights.DocumentType;
import io.verity.platform.weights.Requirements;
import io.verity.platform.weights.Weights;
import io.verity.platform.weights.WeightsClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import io.verity.sessions.liveness.LivenessFacts;

/**
 * The one scoring step of a session: the check beans (face, liveness, duplicates, age, gender) and the document
 * checks of libs/documents, decided together by {@link Decider} with the weights version the session recorded.
 * Everything it reads is stored on the session ({@link Inputs}), so a decision can be made again and gives the same
 * answer (docs/adr/0018-one-scoring-step-for-documents.md).
 */
@ApplicationScoped
public class DecisionService {

    /**
     * What a session's decision was made from, besides its liveness facts and settings.
     *
     * @param document             the document evidence
     * @param finalizationSettings the settings finalization was called with
     * @param requiredFields       the fields the requirements version asked for (requirements have no read-by-id)
     * @param weightsId            the weights version
     * @param requirementsId       the requirements version
     */
    public record Inputs(DocumentEvidence document, Map<String, Object> finalizationSettings, List<String> requiredFields,
            UUID weightsId, UUID requirementsId) {
    }

    /** Every check's outcome and the decision. */
    public record Outcome(List<CheckResult> checks, Decision decision) {
    }

    @Inject
    Instance<Check> checks;

    @Inject
    WeightsClient weightsClient;

    @Inject
    ObjectMapper json;

    public Outcome decide(Session session, LivenessFacts facts, SessionSettings settings, Weights weights, Inputs inputs) {
        CheckContext context = new CheckContext(session, facts, weights, settings, inputs.finalizationSettings(),
                inputs.document());
        List<CheckResult> results = new ArrayList<>(checks.stream().sorted(Comparator.comparingInt(Check::order))
                .map(check -> check.evaluate(context)).toList());
        if (inputs.document() != null) {
            Policy policy = policy(weights, session.documentType, settings, inputs.finalizationSettings(),
                    inputs.requiredFields());
            DocumentChecks.evaluate(inputs.document(), policy).forEach(o -> results.add(CheckResult.of(o)));
        }
        return new Outcome(List.copyOf(results), Decider.decide(results, weights.idvSessionTolerance()));
    }

    /** Decides a finalized session again from what it stored; the weights version is read by its id. */
    public Outcome redecide(UUID clientId, UUID sessionId) {
        Session s = Session.ofClient(clientId, sessionId)
                .orElseThrow(() -> ProblemException.notFound("session " + sessionId));
        if (s.decisionInputs == null || s.weightsId == null) {
            throw new ProblemException(409, "not_decided", "the session has no stored decision inputs");
        }
        Inputs inputs = read(s.decisionInputs, Inputs.class);
        Weights weights = weightsClient.weightsVersion(clientId, s.weightsId)
                .orElseThrow(() -> new ProblemException(409, "weights_gone", "the session's weights version no longer exists"));
        LivenessFacts facts = read(s.livenessFacts, LivenessFacts.class);
        return decide(s, facts, settingsOf(s), weights, inputs);
    }

    /** The policy of a weights version for a document type, the session's settings and the required fields. */
    public static Policy policy(Weights w, String documentType, SessionSettings settings, Map<String, Object> finalization,
            List<String> requiredFields) {
        DocumentType type = DocumentType.fromWire(documentType).orElse(DocumentType.UNKNOWN);
        double tolerance;
        double weight;
        switch (type) {
            case PASSPORT -> {
                tolerance = w.passportFuzzyMatchTolerance();
                weight = w.passportFuzzyMatchWeight();
            }
            case PASSPORT_CARD -> {
                tolerance = w.passportCardFuzzyMatchTolerance();
                weight = w.passportCardFuzzyMatchWeight();
            }
            case IDENTIFICATION_CARD -> {
                tolerance = w.stateIdFuzzyMatchTolerance();
                weight = w.stateIdFuzzyMatchWeight();
            }
            default -> {
                tolerance = w.driverLicenseFuzzyMatchTolerance();
                weight = w.driverLicenseFuzzyMatchWeight();
            }
        }
        return new Policy(tolerance, weight, w.ofacFuzzyMatchTolerance(), w.ofacFuzzyMatchWeight(),
                w.suspiciousWordsWeight(), w.imageManipulationWeight(), w.onlineDuplicationWeight(),
                w.isIdentityDocumentWeight(), w.aamvaMatchTolerance(), w.aamvaMatchWeight(),
                settings == null || Boolean.TRUE.equals(settings.performImageManipulationTest()),
                finalization == null ? Map.of() : finalization, requiredFields == null ? List.of() : requiredFields);
    }

    /** The spec names of the fields a requirements version asks for. */
    public static List<String> requiredFields(Requirements r) {
        if (r == null) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        add(names, r.documentNumberRequired(), "document_number");
        add(names, r.issueAtRequired(), "issue_at");
        add(names, r.expiresAtRequired(), "expires_at");
        add(names, r.issuingCountryRequired(), "issuing_country");
        add(names, r.issuingStateRequired(), "issuing_state");
        add(names, r.firstNameRequired(), "first_name");
        add(names, r.middleNameRequired(), "middle_name");
        add(names, r.lastNameRequired(), "last_name");
        add(names, r.nameSuffixRequired(), "name_suffix");
        add(names, r.streetRequired(), "street");
        add(names, r.cityRequired(), "city");
        add(names, r.stateRequired(), "state");
        add(names, r.postalCodeRequired(), "postal_code");
        add(names, r.birthDateRequired(), "birth_date");
        add(names, r.genderRequired(), "gender");
        add(names, r.heightRequired(), "height");
        add(names, r.weightRequired(), "weight");
        add(names, r.eyeColorRequired(), "eye_color");
        add(names, r.hairColorRequired(), "hair_color");
        add(names, r.classRequired(), "class");
        add(names, r.restrictionsRequired(), "restrictions");
        add(names, r.rawBarcodeRequired(), "raw_barcode");
        return List.copyOf(names);
    }

    private static void add(List<String> names, boolean required, String name) {
        if (required) {
            names.add(name);
        }
    }

    private SessionSettings settingsOf(Session s) {
        return read(s.settings, SessionSettings.class).withDefaults();
    }

    public String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public <T> T read(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON of " + type.getSimpleName() + " cannot be read", e);
        }
    }
}
