package io.verity.ida.service;

import java.util.List;
import java.util.UUID;

/**
 * The selfie (frame 0) against the identity's verified templates, as the matcher measured it in the liveness call:
 * the similarity to each template, the best, and to their aggregate. Biometric: erased with the identity and by
 * retention; never shown to callers (a score would help an attacker tune a photo).
 */
public record MatchFacts(UUID identityId, int templates, List<Float> similarities, Float bestSimilarity,
        Float aggregateSimilarity, Float age, String gender, Float genderProbability) {
}
