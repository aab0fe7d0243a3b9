package io.verity.sessions.liveness;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.verity.platform.error.ProblemException;
import io.verity.platform.weights.Weights;
import io.verity.sessions.images.ImageCheck;
import io.verity.sessions.matcher.MatcherClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Liveness as IDV and IDA both run it: a short-lived token with a random challenge (passive_active: head turns in a
 * random order), then the camera frames, analysed by the matcher in one call, optionally together with a reference
 * photo (IDV: the document's front) whose portrait the selfie must not be. The frames pass when every frame is live
 * for the passive model, the challenge's turns come in order, all frames show one person, and that person is not the
 * reference's portrait held up to the camera (docs/adr/0008-liveness-challenge-and-replay-check.md). The services
 * keep the token's hash, the frames and the facts on their own sessions.
 */
@ApplicationScoped
public class Liveness {

    private static final SecureRandom RANDOM = new SecureRandom();
    public static final String TURN_LEFT = "turn_left";
    public static final String TURN_RIGHT = "turn_right";
    public static final String PASSIVE_ACTIVE = "passive_active";

    @Inject
    LivenessSettings settings;

    @Inject
    ImageCheck images;

    @Inject
    ObjectMapper json;

    /** A generated token (shown once), its SHA-256 (kept), its challenge and when it stops being accepted. */
    public record Token(String token, byte[] hash, List<String> challenge, OffsetDateTime expiresAt) {
    }

    /** The token: base64url JSON {session_id, challenge, expires_at}, a dot, and 32 random bytes (base64url). */
    public Token token(UUID sessionId, boolean passiveActive) {
        List<String> challenge = passiveActive ? challenge(settings.challengeSteps()) : List.of();
        OffsetDateTime expires = OffsetDateTime.now().plus(settings.tokenTtl());
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("session_id", sessionId.toString());
        claims.put("challenge", challenge);
        claims.put("expires_at", expires.toString());
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        try {
            String token = b64.encodeToString(json.writeValueAsBytes(claims)) + "." + b64.encodeToString(secret);
            return new Token(token, sha256(token.getBytes(StandardCharsets.UTF_8)), challenge, expires);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Head turns alternating from a random first direction, so that no still photo can follow them. */
    public static List<String> challenge(int steps) {
        boolean left = RANDOM.nextBoolean();
        List<String> turns = new ArrayList<>(steps);
        for (int i = 0; i < steps; i++) {
            turns.add(left ? TURN_LEFT : TURN_RIGHT);
            left = !left;
        }
        return turns;
    }

    /** A stored challenge ("turn_left,turn_right") as a list. */
    public static List<String> challengeOf(String stored) {
        return stored == null || stored.isEmpty() ? List.of() : List.of(stored.split(","));
    }

    /** Whether the frames' count fits the mode and challenge: 400 otherwise. */
    public static void checkFrameCount(String mode, List<String> challenge, int frameCount) {
        int wanted = 1 + challenge.size();
        if (PASSIVE_ACTIVE.equals(mode) && frameCount != wanted) {
            throw ProblemException.invalidField("images", "a straight-ahead frame and one frame per challenge step ("
                    + wanted + " in all, in order) are required");
        }
        if (!PASSIVE_ACTIVE.equals(mode) && frameCount > 3) {
            throw ProblemException.invalidField("images", "passive liveness takes 1 to 3 frames");
        }
    }

    /**
     * What is evaluated: the mode, the challenge, the reference photo's SHA-256 (null without a reference), and whether
     * the selfie will be enrolled (IDV), so that a selfie that would be refused then fails now, while the user is there
     * to take another.
     */
    public record Subject(String mode, List<String> challenge, byte[] referenceSha, boolean selfieEnrolled) {

        boolean hasReference() {
            return referenceSha != null;
        }
    }

    /**
     * Evaluates the matcher's analysis of [reference?, frames...]: {@code faces} has the reference at index 0 when
     * {@code subject.referenceSha()} is not null, then the frames in order.
     */
    public LivenessFacts evaluate(Subject prepared, List<ImageCheck.Checked> checked, MatcherClient.FaceSet faces,
            Weights weights, double matchSimilarity) {
        int base = prepared.hasReference() ? 1 : 0;
        List<String> reasons = new ArrayList<>();
        double minLive = weights.minimumLivenessTolerance();
        float turn = settings.turnDegrees();
        List<LivenessFacts.Frame> frames = new ArrayList<>();
        boolean passiveOk = true;
        for (int i = 0; i < checked.size(); i++) {
            MatcherClient.FaceResult f = faces.faces().get(i + base);
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
            Float straight = faces.faces().get(base).yaw();
            if (straight == null || Math.abs(straight) > weights.directionTolerance()) {
                challengeOk = false;
                reasons.add("frame 0: not facing the camera (yaw " + straight + ")");
            }
            for (int step = 0; step < prepared.challenge().size(); step++) {
                Float yaw = faces.faces().get(step + 1 + base).yaw();
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
            Float sim = faces.similarity(base, i + base);
            if (sim == null || sim < matchSimilarity) {
                samePerson = false;
                reasons.add("frame " + i + ": not the person of frame 0 (similarity " + sim + ")");
            }
            if (sim != null) {
                minSimilarity = minSimilarity == null ? sim : Math.min(minSimilarity, sim);
            }
        }
        boolean documentFace = prepared.hasReference() && faces.faces().get(0).hasFace();
        Float replay = null;
        boolean replayDetected = false;
        double replayThreshold = settings.replaySimilarity();
        if (prepared.hasReference()) {
            for (int i = 0; i < checked.size(); i++) {
                Float sim = faces.similarity(0, i + 1);
                if (sim != null) {
                    replay = replay == null ? sim : Math.max(replay, sim);
                }
                if (Arrays.equals(sha256(checked.get(i).bytes()), prepared.referenceSha())) {
                    replay = 1f;
                }
            }
        }
        if (replay != null && replay >= replayThreshold) {
            replayDetected = true;
            reasons.add("the selfie is the document's own portrait (similarity " + replay + ")");
        }
        int selfie = bestFrame(faces, base, checked.size(), minLive);
        MatcherClient.FaceResult best = faces.faces().get(selfie + base);
        boolean selfieUsable = !prepared.selfieEnrolled() || !best.hasFace() || best.enrolmentRefusal() == null;
        if (!selfieUsable) {
            reasons.add("selfie (frame " + selfie + "): " + best.enrolmentRefusal()
                    + "; no frame is sharp and straight enough to enrol, so capture again facing the camera, in focus");
        }
        List<LivenessFacts.Candidate> candidates = faces.hits().stream()
                .map(h -> new LivenessFacts.Candidate(UUID.fromString(h.subjectId()), h.similarity())).toList();
        boolean passed = passiveOk && !Boolean.FALSE.equals(challengeOk) && samePerson && !replayDetected && selfieUsable;
        return new LivenessFacts(prepared.mode(), prepared.challenge(), frames, passiveOk, challengeOk, samePerson,
                minSimilarity, documentFace, replay, replayDetected, selfie,
                prepared.hasReference() ? faces.similarity(0, selfie + 1) : null, candidates,
                best.age(), best.gender(), best.genderProbability(), weights.id(), minLive, matchSimilarity,
                replayThreshold, passed, reasons);
    }

    /**
     * The straight-ahead frame if it is live and could be enrolled; else the most live frame among those that could be
     * enrolled; else the most live frame with a face.
     */
    private static int bestFrame(MatcherClient.FaceSet faces, int base, int count, double minLive) {
        MatcherClient.FaceResult first = faces.faces().get(base);
        if (first.hasFace() && first.enrolmentRefusal() == null && first.liveness() != null && first.liveness() >= minLive) {
            return 0;
        }
        int best = -1;
        for (boolean enrollableOnly : new boolean[] {true, false}) {
            float bestScore = -1;
            for (int i = 0; i < count; i++) {
                MatcherClient.FaceResult f = faces.faces().get(i + base);
                if (f.hasFace() && f.liveness() != null && f.liveness() > bestScore
                        && (!enrollableOnly || f.enrolmentRefusal() == null)) {
                    bestScore = f.liveness();
                    best = i;
                }
            }
            if (best >= 0) {
                return best;
            }
        }
        return 0;
    }

    /** The storage_file_type_e of frame {@code index}: liveness_passive, liveness_active_step_N, or null (not kept). */
    public static String frameType(String mode, int index) {
        return index == 0 ? "liveness_passive" : PASSIVE_ACTIVE.equals(mode) ? "liveness_active_step_" + index : null;
    }

    private static String frameType(Subject prepared, int index) {
        return index == 0 ? "liveness_passive" : prepared.challenge().isEmpty() ? null : "liveness_active_step_" + index;
    }

    /** The frames as the SDK sends them (base64, optionally data: URLs), each checked (format, size). */
    public List<ImageCheck.Checked> decode(List<String> frames) {
        if (frames == null || frames.isEmpty()) {
            throw ProblemException.invalidField("images", "at least one base64 frame is required");
        }
        if (frames.size() > settings.maxFrames()) {
            throw ProblemException.invalidField("images", "at most " + settings.maxFrames() + " frames");
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

    public LivenessSettings settings() {
        return settings;
    }

    public static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
