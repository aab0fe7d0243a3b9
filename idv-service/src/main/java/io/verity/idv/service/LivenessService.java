package io.verity.idv.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.verity.idv.domain.Session;
import io.verity.idv.domain.SessionEvent;
import io.verity.idv.domain.SessionFile;
import io.verity.idv.domain.SessionStatus;
import io.verity.platform.error.ProblemException;
import io.verity.platform.identities.Identity;
import io.verity.platform.weights.Weights;
import io.verity.platform.weights.WeightsClient;
import io.verity.platform.weights.WeightsUnavailableException;
import io.verity.sessions.images.Coordinates;
import io.verity.sessions.images.FileTypes;
import io.verity.sessions.images.ImageCheck;
import io.verity.sessions.liveness.Liveness;
import io.verity.sessions.liveness.LivenessFacts;
import io.verity.sessions.matcher.MatcherClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Liveness: a short-lived token with a random challenge (passive_active: head turns in a random order), then the
 * camera frames, analysed together with the document's front in one matcher call. The frames pass when every frame is
 * live for the passive model, the challenge's turns come in order, all frames show one person, and that person is not
 * the document's own portrait held up to the camera (docs/adr/0008-liveness-challenge-and-replay-check.md).
 */
@ApplicationScoped
public class LivenessService {

    private static final Logger LOG = Logger.getLogger(LivenessService.class);

    @Inject
    Liveness liveness;

    @Inject
    SessionService sessions;

    @Inject
    SessionLifecycle lifecycle;

    @Inject
    SessionHistory history;

    @Inject
    ImageStore store;

    @Inject
    LocationService locations;

    @Inject
    MatcherClient matcher;

    @Inject
    WeightsClient weightsClient;

    @Inject
    ObjectMapper json;

    /** A token with its challenge (docs/adr/0008); only its hash is kept. */
    public String generate(UUID clientId, UUID sessionId, double latitude, double longitude, String actor) {
        Coordinates.check(latitude, longitude);
        return QuarkusTransaction.requiringNew().call(() -> {
            Session s = sessions.forChange(clientId, sessionId, true);
            requireDocuments(s);
            if (Boolean.TRUE.equals(s.livenessDetected)) {
                throw SessionService.conflict("liveness_already_passed", "liveness already passed for this session");
            }
            Liveness.Token token = liveness.token(s.id, s.passiveActive());
            s.livenessTokenHash = token.hash();
            s.livenessChallenge = String.join(",", token.challenge());
            s.livenessExpiresAt = token.expiresAt();
            s.updatedAt = OffsetDateTime.now();
            history.record(s, "liveness_session_generated", "sdkLivenessSessionGenerate", actor, "accepted",
                    token.challenge().isEmpty() ? "passive" : "challenge " + s.livenessChallenge);
            return token.token();
        });
    }

    public record Outcome(boolean livenessDetected, List<String> reasons) {
    }

    private record Prepared(UUID clientId, String userId, byte[] tokenHash, List<String> challenge, String mode,
            byte[] documentFront, byte[] documentFrontSha) {
    }

    public Outcome process(UUID clientId, UUID sessionId, double latitude, double longitude, List<String> frames, String ip,
            String actor) {
        Coordinates.check(latitude, longitude);
        List<ImageCheck.Checked> checked = liveness.decode(frames);
        Prepared prepared = QuarkusTransaction.requiringNew().call(() -> prepare(clientId, sessionId, checked.size()));

        Weights weights = weights(clientId, prepared.userId());
        double matchSimilarity = 1 - weights.onboardingFaceEncodingTolerance();
        List<byte[]> set = new ArrayList<>(checked.size() + 1);
        set.add(prepared.documentFront());
        checked.forEach(c -> set.add(c.bytes()));
        MatcherClient.FaceSet faces = matcher.analyzeSet(clientId, set, 1, Identity.GALLERY, (float) matchSimilarity);
        LivenessFacts facts = liveness.evaluate(new Liveness.Subject(prepared.mode(), prepared.challenge(),
                prepared.documentFrontSha(), true), checked, faces, weights, matchSimilarity);

        return QuarkusTransaction.requiringNew().call(() -> {
            Session s = sessions.forChange(clientId, sessionId, true);
            if (s.livenessTokenHash == null || !Arrays.equals(s.livenessTokenHash, prepared.tokenHash())) {
                throw SessionService.conflict("liveness_token_used", "another liveness processing of this session got "
                        + "there first; generate a new liveness session");
            }
            storeFrames(s, checked, facts);
            locations.record(s, sessions.settings(s), LocationService.SELFIE, ip, latitude, longitude);
            OffsetDateTime now = OffsetDateTime.now();
            s.livenessFacts = json.writeValueAsString(facts);
            s.livenessDetected = facts.passed();
            s.livenessDetectedAt = now;
            s.selfieGivenAt = now;
            s.livenessTokenHash = null;
            s.livenessExpiresAt = null;
            s.updatedAt = now;
            history.record(s, facts.passed() ? "liveness_passed" : "liveness_failed", "sdkLivenessSessionProcess", actor,
                    "accepted", facts.passed() ? null : String.join(", ", facts.reasons()));
            if (!facts.passed() && failures(s.id) >= liveness.settings().maxAttempts()) {
                lifecycle.change(s, SessionStatus.TEMPORARILY_BLOCKED);
            }
            LOG.infof("session %s liveness %s %s", s.id, facts.passed() ? "passed" : "failed", facts.reasons());
            return new Outcome(facts.passed(), facts.reasons());
        });
    }

    private Prepared prepare(UUID clientId, UUID sessionId, int frameCount) {
        Session s = sessions.forChange(clientId, sessionId, true);
        requireDocuments(s);
        if (Boolean.TRUE.equals(s.livenessDetected)) {
            throw SessionService.conflict("liveness_already_passed", "liveness already passed for this session");
        }
        if (s.livenessTokenHash == null) {
            throw SessionService.conflict("liveness_session_required", "generate a liveness session (sdkLivenessSessionGenerate) first");
        }
        if (s.livenessExpiresAt.isBefore(OffsetDateTime.now())) {
            throw SessionService.conflict("liveness_session_expired", "the liveness session has expired; generate a new one");
        }
        List<String> challenge = Liveness.challengeOf(s.livenessChallenge);
        Liveness.checkFrameCount(s.livenessMode, challenge, frameCount);
        SessionFile front = SessionFile.of(clientId, s.id, FileTypes.front(s.documentType))
                .orElseThrow(() -> new IllegalStateException("session " + s.id + " has no stored front"));
        return new Prepared(clientId, s.userId, s.livenessTokenHash, challenge, s.livenessMode, store.read(front), front.sha256);
    }

    private void storeFrames(Session s, List<ImageCheck.Checked> checked, LivenessFacts facts) {
        List<String> types = new ArrayList<>();
        for (int i = 0; i < checked.size(); i++) {
            String type = i == 0 ? FileTypes.LIVENESS_PASSIVE : s.passiveActive() ? FileTypes.activeStep(i) : null;
            if (type != null) {
                types.add(type);
            }
        }
        types.add(FileTypes.SELFIE);
        // a retried liveness replaces the frames of the failed one
        SessionFile.<SessionFile>list("sessionId = ?1 and fileType in ?2", s.id, types).forEach(store::erase);
        SessionFile.getEntityManager().flush();
        for (int i = 0; i < checked.size(); i++) {
            String type = i == 0 ? FileTypes.LIVENESS_PASSIVE : s.passiveActive() ? FileTypes.activeStep(i) : null;
            if (type != null) {
                store.store(s.clientId, s.id, type, checked.get(i));
            }
        }
        store.store(s.clientId, s.id, FileTypes.SELFIE, checked.get(facts.selfieIndex()));
    }

    private static void requireDocuments(Session s) {
        if (!s.frontGiven()) {
            throw SessionService.conflict("document_front_required", "the document front must be given before liveness");
        }
        if (FileTypes.hasBack(s.documentType) && !s.backGiven()) {
            throw SessionService.conflict("document_back_required", "the document back must be given before liveness");
        }
    }

    private static long failures(UUID sessionId) {
        return SessionEvent.count("sessionId = ?1 and event = 'liveness_failed'", sessionId);
    }

    Weights weights(UUID clientId, String userId) {
        try {
            return weightsClient.weights(clientId, userId);
        } catch (WeightsUnavailableException e) {
            LOG.errorf("weights unavailable: %s", e.getMessage());
            throw new ProblemException(503, "weights_unavailable", "the client's weights cannot be read at the moment; retry later");
        }
    }
}
