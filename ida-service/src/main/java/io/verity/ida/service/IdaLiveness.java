package io.verity.ida.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.verity.ida.domain.IdaSession;
import io.verity.ida.domain.IdaSessionEvent;
import io.verity.ida.domain.IdaSessionFile;
import io.verity.ida.domain.IdvSessionFile;
import io.verity.ida.domain.IdvSessionView;
import io.verity.platform.identities.Identity;
import io.verity.platform.weights.Weights;
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
 * IDA's liveness, with IDV's rules and code (libs/sessions {@link Liveness}): a token with a challenge, then the frames,
 * analysed in one matcher call together with the identity's document front (the portrait the selfie must not be) and
 * compared there with the identity's verified templates. Each image is analysed once.
 */
@ApplicationScoped
public class IdaLiveness {

    private static final Logger LOG = Logger.getLogger(IdaLiveness.class);

    @Inject
    Liveness liveness;

    @Inject
    IdaSessions sessions;

    @Inject
    IdaHistory history;

    @Inject
    Images images;

    @Inject
    Locations locations;

    @Inject
    MatcherClient matcher;

    @Inject
    Weighing weighing;

    @Inject
    ObjectMapper json;

    public Liveness.Token generate(UUID clientId, UUID sessionId, double latitude, double longitude, String actor) {
        Coordinates.check(latitude, longitude);
        return QuarkusTransaction.requiringNew().call(() -> {
            IdaSession s = sessions.forChange(clientId, sessionId);
            if (Boolean.TRUE.equals(s.livenessDetected)) {
                throw IdaSessions.conflict("liveness_already_passed", "liveness already passed for this session");
            }
            Liveness.Token token = liveness.token(s.id, s.passiveActive());
            s.livenessTokenHash = token.hash();
            s.livenessChallenge = String.join(",", token.challenge());
            s.livenessExpiresAt = token.expiresAt();
            s.updatedAt = OffsetDateTime.now();
            history.record(s, "liveness_session_generated", "sdkLivenessSessionGenerate", actor, "accepted",
                    token.challenge().isEmpty() ? "passive" : "challenge " + s.livenessChallenge);
            return token;
        });
    }

    public record Outcome(boolean livenessDetected, List<String> reasons) {
    }

    private record Prepared(UUID identityId, String userId, byte[] tokenHash, List<String> challenge, String mode,
            byte[] reference, byte[] referenceSha) {
    }

    public Outcome process(UUID clientId, UUID sessionId, double latitude, double longitude, List<String> frames, String ip,
            String actor) {
        Coordinates.check(latitude, longitude);
        List<ImageCheck.Checked> checked = liveness.decode(frames);
        Prepared prepared = QuarkusTransaction.requiringNew().call(() -> prepare(clientId, sessionId, checked.size()));

        Weights weights = weighing.of(clientId, prepared.userId());
        double samePerson = 1 - weights.onboardingFaceEncodingTolerance();
        List<byte[]> set = new ArrayList<>(checked.size() + 1);
        if (prepared.reference() != null) {
            set.add(prepared.reference());
        }
        checked.forEach(c -> set.add(c.bytes()));
        int base = prepared.reference() == null ? 0 : 1;
        MatcherClient.FaceSet faces = matcher.analyzeSet(clientId, set, null, null, 0f,
                new MatcherClient.VerifyRequest(base, Identity.GALLERY, prepared.identityId().toString()));
        LivenessFacts facts = liveness.evaluate(new Liveness.Subject(prepared.mode(), prepared.challenge(),
                prepared.referenceSha(), false), checked, faces, weights, samePerson);
        MatcherClient.FaceResult selfie = faces.faces().get(base);
        MatcherClient.Verification v = faces.verification();
        MatchFacts match = new MatchFacts(prepared.identityId(), v == null ? 0 : v.templates(),
                v == null ? List.of() : v.similarities(), v == null ? null : v.bestSimilarity(),
                v == null ? null : v.aggregateSimilarity(), selfie.age(), selfie.gender(), selfie.genderProbability());

        return QuarkusTransaction.requiringNew().call(() -> {
            IdaSession s = sessions.forChange(clientId, sessionId);
            if (s.livenessTokenHash == null || !Arrays.equals(s.livenessTokenHash, prepared.tokenHash())) {
                throw IdaSessions.conflict("liveness_token_used", "another liveness processing of this session got "
                        + "there first; generate a new liveness session");
            }
            storeFrames(s, checked, facts);
            locations.record(s, ip, latitude, longitude);
            OffsetDateTime now = OffsetDateTime.now();
            s.livenessFacts = json.writeValueAsString(facts);
            s.matchFacts = json.writeValueAsString(match);
            s.livenessDetected = facts.passed();
            s.livenessDetectedAt = now;
            s.selfieGivenAt = now;
            s.livenessTokenHash = null;
            s.livenessExpiresAt = null;
            s.updatedAt = now;
            history.record(s, facts.passed() ? "liveness_passed" : "liveness_failed", "sdkLivenessSessionProcess", actor,
                    "accepted", facts.passed() ? null : String.join(", ", facts.reasons()));
            if (!facts.passed() && failures(s.id) >= liveness.settings().maxAttempts()) {
                sessions.change(s, IdaSession.BLOCKED);
            }
            LOG.infof("ida session %s liveness %s %s", s.id, facts.passed() ? "passed" : "failed", facts.reasons());
            return new Outcome(facts.passed(), facts.reasons());
        });
    }

    private Prepared prepare(UUID clientId, UUID sessionId, int frameCount) {
        IdaSession s = sessions.forChange(clientId, sessionId);
        if (Boolean.TRUE.equals(s.livenessDetected)) {
            throw IdaSessions.conflict("liveness_already_passed", "liveness already passed for this session");
        }
        if (s.livenessTokenHash == null) {
            throw IdaSessions.conflict("liveness_session_required", "generate a liveness session (sdkLivenessSessionGenerate) first");
        }
        if (s.livenessExpiresAt.isBefore(OffsetDateTime.now())) {
            throw IdaSessions.conflict("liveness_session_expired", "the liveness session has expired; generate a new one");
        }
        List<String> challenge = Liveness.challengeOf(s.livenessChallenge);
        Liveness.checkFrameCount(s.livenessMode, challenge, frameCount);
        // the identity's document front, when IDV still keeps it: the selfie must not be its portrait
        IdvSessionView verifying = IdvSessionView.verifying(clientId, s.identityId)
                .filter(v -> v.documentType != null && !"unknown".equals(v.documentType)).orElse(null);
        IdvSessionFile front = verifying == null ? null : IdvSessionFile.<IdvSessionFile>find(
                "sessionId = ?1 and clientId = ?2 and fileType = ?3", verifying.id, clientId,
                FileTypes.front(verifying.documentType)).firstResult();
        byte[] reference = front == null ? null : images.read(front);
        return new Prepared(s.identityId, s.userId, s.livenessTokenHash, challenge, s.livenessMode, reference,
                front == null ? null : front.sha256);
    }

    private void storeFrames(IdaSession s, List<ImageCheck.Checked> checked, LivenessFacts facts) {
        // a retried liveness replaces the frames of the failed one
        IdaSessionFile.<IdaSessionFile>list("sessionId = ?1", s.id).forEach(images::erase);
        IdaSessionFile.getEntityManager().flush();
        // the selfie is kept once: as "selfie", and its frame type only when it is not the straight-ahead frame
        for (int i = 0; i < checked.size(); i++) {
            String type = Liveness.frameType(s.livenessMode, i);
            if (type != null && i != facts.selfieIndex()) {
                images.store(s.clientId, s.id, type, checked.get(i));
            }
        }
        images.store(s.clientId, s.id, FileTypes.SELFIE, checked.get(facts.selfieIndex()));
    }

    private static long failures(UUID sessionId) {
        return IdaSessionEvent.count("sessionId = ?1 and event = 'liveness_failed'", sessionId);
    }
}
