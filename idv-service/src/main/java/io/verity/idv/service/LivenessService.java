package io.verity.idv.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.verity.idv.client.MatcherClient;
import io.verity.idv.config.IdvConfig;
import io.verity.idv.domain.Session;
import io.verity.idv.domain.SessionEvent;
import io.verity.idv.domain.SessionFile;
import io.verity.idv.domain.SessionStatus;
import io.verity.platform.error.ProblemException;
import io.verity.platform.identities.Identity;
import io.verity.platform.weights.Weights;
import io.verity.platform.weights.WeightsClient;
import io.verity.platform.weights.WeightsUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    private static final SecureRandom RANDOM = new SecureRandom();
    public static final String TURN_LEFT = "turn_left";
    public static final String TURN_RIGHT = "turn_right";

    @Inject
    IdvConfig config;

    @Inject
    SessionService sessions;

    @Inject
    SessionLifecycle lifecycle;

    @Inject
    SessionHistory history;

    @Inject
    ImageCheck images;

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

    /** The token: base64url JSON {session_id, challenge, expires_at}, a dot, and 32 random bytes (base64url). */
    public String generate(UUID clientId, UUID sessionId, double latitude, double longitude, String actor) {
        Coordinates.check(latitude, longitude);
        return QuarkusTransaction.requiringNew().call(() -> {
            Session s = sessions.forChange(clientId, sessionId, true);
            requireDocuments(s);
            if (Boolean.TRUE.equals(s.livenessDetected)) {
                throw SessionService.conflict("liveness_already_passed", "liveness already passed for this session");
            }
            List<String> challenge = s.passiveActive() ? challenge(config.liveness().challengeSteps()) : List.of();
            OffsetDateTime expires = OffsetDateTime.now().plus(config.liveness().tokenTtl());
            Map<String, Object> claims = new LinkedHashMap<>();
            claims.put("session_id", s.id.toString());
            claims.put("challenge", challenge);
            claims.put("expires_at", expires.toString());
            byte[] secret = new byte[32];
            RANDOM.nextBytes(secret);
            Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
            String token = b64.encodeToString(json.writeValueAsBytes(claims)) + "." + b64.encodeToString(secret);
            s.livenessTokenHash = ImageStore.sha256(token.getBytes(StandardCharsets.UTF_8));
            s.livenessChallenge = String.join(",", challenge);
            s.livenessExpiresAt = expires;
            s.updatedAt = OffsetDateTime.now();
            history.record(s, "liveness_session_generated", "sdkLivenessSessionGenerate", actor, "accepted",
                    challenge.isEmpty() ? "passive" : "challenge " + s.livenessChallenge);
            return token;
        });
    }

    /** Head turns alternating from a random first direction, so that no still photo can follow them. */
    static List<String> challenge(int steps) {
        boolean left = RANDOM.nextBoolean();
        List<String> turns = new ArrayList<>(steps);
        for (int i = 0; i < steps; i++) {
            turns.add(left ? TURN_LEFT : TURN_RIGHT);
            left = !left;
        }
        return turns;
    }

    public record Outcome(boolean livenessDetected, List<String> reasons) {
    }

    private record Prepared(UUID clientId, String userId, byte[] tokenHash, List<String> challenge, String mode,
            byte[] documentFront, byte[] documentFrontSha) {
    }

    public Outcome process(UUID clientId, UUID sessionId, double latitude, double longitude, List<String> frames, String ip,
            String actor) {
        Coordinates.check(latitude, longitude);
        List<ImageCheck.Checked> checked = decode(frames);
        Prepared prepared = QuarkusTransaction.requiringNew().call(() -> prepare(clientId, sessionId, checked.size()));

        Weights weights = weights(clientId, prepared.userId());
        double matchSimilarity = 1 - weights.onboardingFaceEncodingTolerance();
        List<byte[]> set = new ArrayList<>(checked.size() + 1);
        set.add(prepared.documentFront());
        checked.forEach(c -> set.add(c.bytes()));
        MatcherClient.FaceSet faces = matcher.analyzeSet(clientId, set, 1, Identity.GALLERY, (float) matchSimilarity);
        LivenessFacts facts = evaluate(prepared, checked, faces, weights, matchSimilarity);

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
            if (!facts.passed() && failures(s.id) >= config.liveness().maxAttempts()) {
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
        List<String> challenge = s.livenessChallenge == null || s.livenessChallenge.isEmpty() ? List.of()
                : List.of(s.livenessChallenge.split(","));
        int wanted = 1 + challenge.size();
        if (s.passiveActive() && frameCount != wanted) {
            throw ProblemException.invalidField("images", "a straight-ahead frame and one frame per challenge step ("
                    + wanted + " in all, in order) are required");
        }
        if (!s.passiveActive() && frameCount > 3) {
            throw ProblemException.invalidField("images", "passive liveness takes 1 to 3 frames");
        }
        SessionFile front = SessionFile.of(clientId, s.id, FileTypes.front(s.documentType))
                .orElseThrow(() -> new IllegalStateException("session " + s.id + " has no stored front"));
        return new Prepared(clientId, s.userId, s.livenessTokenHash, challenge, s.livenessMode, store.read(front), front.sha256);
    }

    private LivenessFacts evaluate(Prepared prepared, List<ImageCheck.Checked> checked, MatcherClient.FaceSet faces,
            Weights weights, double matchSimilarity) {
        List<String> reasons = new ArrayList<>();
        double minLive = weights.minimumLivenessTolerance();
        float turn = config.liveness().turnDegrees();
        List<LivenessFacts.Frame> frames = new ArrayList<>();
        boolean passiveOk = true;
        for (int i = 0; i < checked.size(); i++) {
            MatcherClient.FaceResult f = faces.faces().get(i + 1);
            frames.add(new LivenessFacts.Frame(i, frameType(prepared, i), f.facesSeen(), f.liveness(), f.yaw(), f.refusal()));
            if (!f.hasFace()) {
                passiveOk = false;
                reasons.add("frame " + i + ": " + f.refusal());
            } else if (f.liveness() == null || f.liveness() < minLive) {
                passiveOk = false;
                reasons.add("frame " + i + ": passive liveness " + f.liveness() + " below " + minLive);
            }
        }
        Boolean challengeOk = null;
        if (!prepared.challenge().isEmpty()) {
            challengeOk = true;
            Float straight = faces.faces().get(1).yaw();
            if (straight == null || Math.abs(straight) > weights.directionTolerance()) {
                challengeOk = false;
                reasons.add("frame 0: not facing the camera (yaw " + straight + ")");
            }
            for (int step = 0; step < prepared.challenge().size(); step++) {
                Float yaw = faces.faces().get(step + 2).yaw();
                boolean left = TURN_LEFT.equals(prepared.challenge().get(step));
                boolean ok = yaw != null && (left ? yaw <= -turn : yaw >= turn);
                if (!ok) {
                    challengeOk = false;
                    reasons.add("frame " + (step + 1) + ": expected " + prepared.challenge().get(step) + ", yaw " + yaw);
                }
            }
        }
        Float minSimilarity = null;
        boolean samePerson = true;
        for (int i = 1; i < checked.size(); i++) {
            Float sim = faces.similarity(1, i + 1);
            if (sim == null || sim < matchSimilarity) {
                samePerson = false;
                reasons.add("frame " + i + ": not the person of frame 0 (similarity " + sim + ")");
            }
            if (sim != null) {
                minSimilarity = minSimilarity == null ? sim : Math.min(minSimilarity, sim);
            }
        }
        boolean documentFace = faces.faces().get(0).hasFace();
        Float replay = null;
        boolean replayDetected = false;
        double replayThreshold = config.liveness().replaySimilarity();
        for (int i = 0; i < checked.size(); i++) {
            Float sim = faces.similarity(0, i + 1);
            if (sim != null) {
                replay = replay == null ? sim : Math.max(replay, sim);
            }
            if (Arrays.equals(ImageStore.sha256(checked.get(i).bytes()), prepared.documentFrontSha())) {
                replay = 1f;
            }
        }
        if (replay != null && replay >= replayThreshold) {
            replayDetected = true;
            reasons.add("the selfie is the document's own portrait (similarity " + replay + ")");
        }
        int selfie = bestFrame(faces, checked.size(), minLive);
        MatcherClient.FaceResult best = faces.faces().get(selfie + 1);
        List<LivenessFacts.Candidate> candidates = faces.hits().stream()
                .map(h -> new LivenessFacts.Candidate(UUID.fromString(h.subjectId()), h.similarity())).toList();
        boolean passed = passiveOk && !Boolean.FALSE.equals(challengeOk) && samePerson && !replayDetected;
        return new LivenessFacts(prepared.mode(), prepared.challenge(), frames, passiveOk, challengeOk, samePerson,
                minSimilarity, documentFace, replay, replayDetected, selfie, faces.similarity(0, selfie + 1), candidates,
                best.age(), best.gender(), best.genderProbability(), weights.id(), minLive, matchSimilarity,
                replayThreshold, passed, reasons);
    }

    /** The straight-ahead frame if it is live, else the most live frame with a face. */
    private static int bestFrame(MatcherClient.FaceSet faces, int count, double minLive) {
        MatcherClient.FaceResult first = faces.faces().get(1);
        if (first.hasFace() && first.liveness() != null && first.liveness() >= minLive) {
            return 0;
        }
        int best = 0;
        float bestScore = -1;
        for (int i = 0; i < count; i++) {
            MatcherClient.FaceResult f = faces.faces().get(i + 1);
            if (f.hasFace() && f.liveness() != null && f.liveness() > bestScore) {
                bestScore = f.liveness();
                best = i;
            }
        }
        return best;
    }

    private static String frameType(Prepared prepared, int index) {
        return index == 0 ? FileTypes.LIVENESS_PASSIVE : prepared.challenge().isEmpty() ? null : FileTypes.activeStep(index);
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
        SessionFile.<SessionFile>list("sessionId = ?1 and fileType in ?2", s.id, types).forEach(old -> {
            store.discard(old);
            old.delete();
        });
        SessionFile.getEntityManager().flush();
        for (int i = 0; i < checked.size(); i++) {
            String type = i == 0 ? FileTypes.LIVENESS_PASSIVE : s.passiveActive() ? FileTypes.activeStep(i) : null;
            if (type != null) {
                store.store(s.clientId, s.id, type, checked.get(i));
            }
        }
        store.store(s.clientId, s.id, FileTypes.SELFIE, checked.get(facts.selfieIndex()));
    }

    private List<ImageCheck.Checked> decode(List<String> frames) {
        if (frames == null || frames.isEmpty()) {
            throw ProblemException.invalidField("images", "at least one base64 frame is required");
        }
        if (frames.size() > config.liveness().maxFrames()) {
            throw ProblemException.invalidField("images", "at most " + config.liveness().maxFrames() + " frames");
        }
        List<ImageCheck.Checked> checked = new ArrayList<>();
        for (int i = 0; i < frames.size(); i++) {
            String field = "images[" + i + "]";
            String data = frames.get(i);
            if (data == null || data.isBlank()) {
                throw ProblemException.invalidField(field, "base64 image data is required");
            }
            int comma = data.indexOf(',');
            if (data.startsWith("data:") && comma > 0) {
                data = data.substring(comma + 1);
            }
            try {
                checked.add(images.check(Base64.getMimeDecoder().decode(data.strip()), field));
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalidField(field, "is not valid base64");
            }
        }
        return checked;
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
