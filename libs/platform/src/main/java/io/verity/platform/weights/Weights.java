package io.verity.platform.weights;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A version of a client's weights as weights-service answers it; {@code id} is what a session records. The meaning,
 * unit and range of each value are in weights-service's OpenAPI document and README.
 */
@RegisterForReflection // read by Jackson in WeightsClient, which no REST signature reveals to Quarkus
public record Weights(
        UUID id,
        UUID clientId,
        String userId,
        double onboardingFaceEncodingTolerance,
        double verifiedAccountFaceEncodingTolerance,
        double driverLicenseFuzzyMatchTolerance,
        double driverLicenseFuzzyMatchWeight,
        double stateIdFuzzyMatchTolerance,
        double stateIdFuzzyMatchWeight,
        double passportFuzzyMatchTolerance,
        double passportFuzzyMatchWeight,
        double passportCardFuzzyMatchTolerance,
        double passportCardFuzzyMatchWeight,
        double ofacFuzzyMatchTolerance,
        double ofacFuzzyMatchWeight,
        double suspiciousWordsWeight,
        double imageManipulationWeight,
        double onlineDuplicationWeight,
        double isIdentityDocumentWeight,
        double aamvaMatchTolerance,
        double aamvaMatchWeight,
        double idvSessionTolerance,
        double minimumLivenessTolerance,
        double passiveActiveSkipTolerance,
        double genderProbabilityTolerance,
        double genderWeight,
        double expressionTolerance,
        double ageTolerance,
        double ageWeight,
        double directionTolerance,
        OffsetDateTime createdAt) {
}
