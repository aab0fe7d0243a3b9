package io.verity.sessions.liveness;

import java.util.List;
import java.util.UUID;

/**
 * What one liveness processing measured, kept on the session for finalization and sessionTestRead. Scores are the
 * matcher's; thresholds those of the weights version {@code weightsId} (and the service's liveness settings).
 */
public record LivenessFacts(
        String mode,
        List<String> challenge,
        List<Frame> frames,
        boolean passiveOk,
        Boolean challengeOk,
        boolean samePersonOk,
        Float minFrameSimilarity,
        boolean documentFace,
        Float replaySimilarity,
        boolean replayDetected,
        int selfieIndex,
        Float selfieDocumentSimilarity,
        List<Candidate> duplicateCandidates,
        Float age,
        String gender,
        Float genderProbability,
        UUID weightsId,
        double minimumLiveness,
        double matchSimilarity,
        double replayThreshold,
        boolean passed,
        List<String> reasons) {

    /** A frame as the matcher saw it. */
    public record Frame(int index, String fileType, int facesSeen, Float liveness, Float yaw, String refusal) {
    }

    /** A verified identity of the client whose face matches the selfie. */
    public record Candidate(UUID identityId, float similarity) {
    }
}
