package io.verity.ida.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.verity.ida.config.IdaConfig;
import io.verity.ida.domain.IdaSession;
import io.verity.ida.domain.IdaSessionFile;
import io.verity.platform.identities.Identity;
import io.verity.platform.weights.Weights;
import io.verity.sessions.images.FileTypes;
import io.verity.sessions.liveness.LivenessFacts;
import io.verity.sessions.matcher.MatcherClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.Period;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * identityAuthenticationFinalize: decides with the weights in force whether the selfie is the verified identity.
 * Authenticated when liveness passed, the selfie's similarity to the identity's verified templates (as the matcher
 * measured it, docs/adr/0016) is at least 1 − {@code verified_account_face_encoding_tolerance}, and, when the session's
 * settings ask, the estimated age and gender agree with the identity's document. The first failing reason is recorded.
 */
@ApplicationScoped
public class Authentication {

    public static final String LIVENESS_FAILED = "liveness_failed";
    public static final String NO_TEMPLATE = "no_verified_template";
    public static final String FACE_MISMATCH = "face_mismatch";
    public static final String AGE_INCONSISTENT = "age_inconsistent";
    public static final String GENDER_INCONSISTENT = "gender_inconsistent";
    public static final String IDENTITY_NOT_VERIFIED = "identity_not_verified";

    private static final Logger LOG = Logger.getLogger(Authentication.class);

    @Inject
    IdaConfig config;

    @Inject
    IdaSessions sessions;

    @Inject
    IdaHistory history;

    @Inject
    Weighing weighing;

    @Inject
    Images images;

    @Inject
    MatcherClient matcher;

    @Inject
    ObjectMapper json;

    /** Enrolments of authenticated selfies, after the answer: one at a time, at most 100 waiting (then skipped). */
    private final java.util.concurrent.ExecutorService enrolments = new java.util.concurrent.ThreadPoolExecutor(1, 1,
            30, java.util.concurrent.TimeUnit.SECONDS, new java.util.concurrent.ArrayBlockingQueue<>(100),
            r -> Thread.ofPlatform().name("ida-enrolment").daemon().unstarted(r));

    @jakarta.annotation.PreDestroy
    void stop() {
        enrolments.shutdown();
    }

    public record Decision(boolean authenticated, String reason, Map<String, Object> checks) {
    }

    public Decision finalizeSession(UUID clientId, UUID sessionId, String actor) {
        // the user's weights (cached by WeightsClient) before the one transaction that decides; no lock needed to read them
        String userId = QuarkusTransaction.requiringNew().call(() -> IdaSession.ofClient(clientId, sessionId)
                .orElseThrow(() -> IdaSessions.notFound(sessionId)).userId);
        Weights weights = weighing.of(clientId, userId);
        Enrolment enrolment = QuarkusTransaction.requiringNew().call(() -> decide(clientId, sessionId, weights, actor));
        if (enrolment.selfie() != null) {
            try {
                enrolments.execute(() -> enrol(clientId, enrolment));
            } catch (java.util.concurrent.RejectedExecutionException e) {
                LOG.warnf("authenticated selfie of identity %s not enrolled: enrolment queue full", enrolment.identityId());
            }
        }
        return enrolment.decision();
    }

    private record Enrolment(Decision decision, UUID identityId, byte[] selfie) {
    }

    private Enrolment decide(UUID clientId, UUID sessionId, Weights weights, String actor) throws Exception {
        IdaSession s = sessions.forChange(clientId, sessionId);
        requireLiveness(s);
        LivenessFacts liveness = json.readValue(s.livenessFacts, LivenessFacts.class);
        MatchFacts match = json.readValue(s.matchFacts, MatchFacts.class);
        IdaSettings settings = sessions.settings(s);
        Identity identity = Identity.ofClient(clientId, s.identityId).orElse(null);
        double threshold = 1 - weights.verifiedAccountFaceEncodingTolerance();
        Float similarity = "aggregate".equals(config.templateStrategy()) ? match.aggregateSimilarity() : match.bestSimilarity();

        Map<String, Object> checks = new LinkedHashMap<>();
        checks.put("liveness", liveness.passed());
        checks.put("templates", match.templates());
        checks.put("face_match", similarity != null && similarity >= threshold);
        Boolean ageOk = settings.performAgeTest() ? ageConsistent(identity, match, weights) : null;
        Boolean genderOk = settings.performGenderTest() ? genderConsistent(identity, match, weights) : null;
        checks.put("age", ageOk);
        checks.put("gender", genderOk);

        String reason = null;
        if (identity == null || !identity.verified) {
            reason = IDENTITY_NOT_VERIFIED;
        } else if (!liveness.passed()) {
            reason = LIVENESS_FAILED;
        } else if (match.templates() == 0) {
            reason = NO_TEMPLATE;
        } else if (similarity == null || similarity < threshold) {
            reason = FACE_MISMATCH;
        } else if (Boolean.FALSE.equals(ageOk)) {
            reason = AGE_INCONSISTENT;
        } else if (Boolean.FALSE.equals(genderOk)) {
            reason = GENDER_INCONSISTENT;
        }
        boolean authenticated = reason == null;
        s.authenticated = authenticated;
        s.reason = reason;
        s.weightsId = weights.id();
        sessions.change(s, IdaSession.COMPLETE);
        history.record(s, authenticated ? "authenticated" : "not_authenticated", "identityAuthenticationFinalize", actor,
                "accepted", reason);
        LOG.infof("ida session %s of identity %s: %s (strategy %s, %d templates, threshold %.3f, weights %s)", s.id,
                s.identityId, authenticated ? "authenticated" : "refused: " + reason, config.templateStrategy(),
                match.templates(), threshold, weights.id());
        byte[] selfie = null;
        if (authenticated && match.templates() < config.maxTemplates()) {
            selfie = IdaSessionFile.<IdaSessionFile>find("sessionId = ?1 and fileType = ?2", s.id, FileTypes.SELFIE)
                    .firstResultOptional().map(images::read).orElse(null);
        }
        return new Enrolment(new Decision(authenticated, reason, checks), s.identityId, selfie);
    }

    /**
     * An authenticated selfie (live, matched) becomes one more verified template of the identity, up to
     * verity.ida.max-templates: later authentications compare with every one (docs/adr/0016). A failure is logged; the
     * decision stands.
     */
    private void enrol(UUID clientId, Enrolment e) {
        try {
            if (!QuarkusTransaction.requiringNew().call(() -> Identity.ofClient(clientId, e.identityId()).isPresent())) {
                return; // erased meanwhile
            }
            matcher.enroll(clientId, Identity.GALLERY, e.identityId().toString(), e.selfie());
        } catch (RuntimeException ex) {
            LOG.warnf("authenticated selfie of identity %s not enrolled: %s", e.identityId(), ex.getMessage());
        }
    }

    private static void requireLiveness(IdaSession s) {
        if (s.livenessDetected == null || s.livenessFacts == null || s.matchFacts == null) {
            throw IdaSessions.conflict("liveness_required", "process a liveness session (sdkLivenessSessionProcess) first");
        }
    }

    /** null when it cannot be compared (no birth date, no estimate). */
    static Boolean ageConsistent(Identity identity, MatchFacts match, Weights weights) {
        if (identity == null || identity.birthDate == null || match.age() == null) {
            return null;
        }
        int years = Period.between(identity.birthDate, LocalDate.now()).getYears();
        return Math.abs(match.age() - years) <= weights.ageTolerance();
    }

    /** null when it cannot be compared (no gender on the document, or an estimate below gender_probability_tolerance). */
    static Boolean genderConsistent(Identity identity, MatchFacts match, Weights weights) {
        if (identity == null || identity.gender == null || "unknown".equals(identity.gender) || match.gender() == null
                || match.genderProbability() == null || match.genderProbability() < weights.genderProbabilityTolerance()) {
            return null;
        }
        return identity.gender.equalsIgnoreCase(match.gender());
    }

}
