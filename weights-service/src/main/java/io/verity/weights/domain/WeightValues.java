package io.verity.weights.domain;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The tolerances and weights that decide a session, named as in the vendor spec (snake_case on the wire and in the
 * database). Each component's {@code @Schema} minimum and maximum are the range the API enforces
 * ({@link io.verity.weights.rest.StrictJson}), so the documentation and the check cannot drift apart.
 *
 * <p>Vocabulary: a <em>weight</em> is the relative importance of a check in the session score, the weighted mean of
 * the scores (each in [0, 1]) of the checks performed; 0 leaves the check out. Face match and liveness are gates,
 * not weighted: a session whose face or liveness is outside its tolerance is not verified whatever its score.
 */
@Embeddable
@RegisterForReflection // RecordFields reads the components and their @Schema at run time
@Schema(name = "WeightValues")
public record WeightValues(
        @Column(name = "onboarding_face_encoding_tolerance")
        @Schema(required = true, minimum = "0", maximum = "1", examples = "0.59", description = """
                Largest cosine distance (1 − cosine similarity of the L2-normalised face embeddings) at which the \
                selfie of an IDV session matches the portrait on the document. Larger is more permissive.""")
        double onboardingFaceEncodingTolerance,

        @Column(name = "verified_account_face_encoding_tolerance")
        @Schema(required = true, minimum = "0", maximum = "1", examples = "0.59", description = """
                Largest cosine distance at which a new selfie matches the face template of an identity that is \
                already verified (identity authentication, event identification). Larger is more permissive.""")
        double verifiedAccountFaceEncodingTolerance,

        @Column(name = "driver_license_fuzzy_match_tolerance")
        @Schema(required = true, minimum = "0", maximum = "1", examples = "0.2", description = """
                Largest normalised edit distance (0 identical, 1 nothing in common) at which a field read from a \
                driver license matches the value it is compared with (the data given for the session, the other side \
                of the card). Larger is more permissive.""")
        double driverLicenseFuzzyMatchTolerance,

        @Column(name = "driver_license_fuzzy_match_weight")
        @Schema(required = true, minimum = "0", maximum = "1", examples = "1", description = """
                Weight of the driver-license data match in the session score.""")
        double driverLicenseFuzzyMatchWeight,

        @Column(name = "state_id_fuzzy_match_tolerance")
        @Schema(required = true, minimum = "0", maximum = "1", examples = "0.2", description = """
                As driver_license_fuzzy_match_tolerance, for state identification cards \
                (type_e identification_card).""")
        double stateIdFuzzyMatchTolerance,

        @Column(name = "state_id_fuzzy_match_weight")
        @Schema(required = true, minimum = "0", maximum = "1", examples = "1", description = """
                Weight of the identification-card data match in the session score.""")
        double stateIdFuzzyMatchWeight,

        @Column(name = "passport_fuzzy_match_tolerance")
        @Schema(required = true, minimum = "0", maximum = "1", examples = "0.2", description = """
                As driver_license_fuzzy_match_tolerance, for passports.""")
        double passportFuzzyMatchTolerance,

        @Column(name = "passport_fuzzy_match_weight")
        @Schema(required = true, minimum = "0", maximum = "1", examples = "1", description = """
                Weight of the passport data match in the session score.""")
        double passportFuzzyMatchWeight,

        @Column(name = "passport_card_fuzzy_match_tolerance")
        @Schema(required = true, minimum = "0", maximum = "1", examples = "0.2", description = """
                As driver_license_fuzzy_match_tolerance, for passport cards.""")
        double passportCardFuzzyMatchTolerance,

        @Column(name = "passport_card_fuzzy_match_weight")
        @Schema(required = true, minimum = "0", maximum = "1", examples = "1", description = """
                Weight of the passport-card data match in the session score.""")
        double passportCardFuzzyMatchWeight,

        @Column(name = "ofac_fuzzy_match_tolerance")
        @Schema(required = true, minimum = "0", maximum = "1", examples = "0.15", description = """
                Largest normalised edit distance at which the person's name counts as a possible hit on the OFAC \
                sanctions list. Larger flags more names (stricter screening, more false positives).""")
        double ofacFuzzyMatchTolerance,

        @Column(name = "ofac_fuzzy_match_weight")
        @Schema(required = true, minimum = "0", maximum = "1", examples = "1", description = """
                Weight of the sanctions screening in the session score.""")
        double ofacFuzzyMatchWeight,

        @Column(name = "suspicious_words_weight")
        @Schema(required = true, minimum = "0", maximum = "1", examples = "1", description = """
                Weight of the suspicious-words check of the document images (SPECIMEN, SAMPLE, VOID…) in the \
                session score.""")
        double suspiciousWordsWeight,

        @Column(name = "image_manipulation_weight")
        @Schema(required = true, minimum = "0", maximum = "1", examples = "1", description = """
                Weight of the image-manipulation check of the document images in the session score.""")
        double imageManipulationWeight,

        @Column(name = "online_duplication_weight")
        @Schema(required = true, minimum = "0", maximum = "1", examples = "1", description = """
                Weight of the online-duplication check (the document image is found published elsewhere) in the \
                session score.""")
        double onlineDuplicationWeight,

        @Column(name = "is_identity_document_weight")
        @Schema(required = true, minimum = "0", maximum = "1", examples = "1", description = """
                Weight of the check that the images show an identity document at all in the session score.""")
        double isIdentityDocumentWeight,

        @Column(name = "aamva_match_tolerance")
        @Schema(required = true, minimum = "0", maximum = "1", examples = "0.1", description = """
                Largest share of the fields checked against the issuing DMV (AAMVA verification, the dmv_*_match \
                results) that may disagree for the check to pass. 0 requires every checked field to agree. Larger \
                is more permissive.""")
        double aamvaMatchTolerance,

        @Column(name = "aamva_match_weight")
        @Schema(required = true, minimum = "0", maximum = "1", examples = "1", description = """
                Weight of the DMV (AAMVA) verification in the session score.""")
        double aamvaMatchWeight,

        @Column(name = "idv_session_tolerance")
        @Schema(required = true, minimum = "0", maximum = "1", examples = "0.3", description = """
                Largest shortfall of the session score from a perfect 1 for a session to be verified: verified when \
                1 − score ≤ this value. Larger is more permissive.""")
        double idvSessionTolerance,

        @Column(name = "minimum_liveness_tolerance")
        @Schema(required = true, minimum = "0", maximum = "1", examples = "0.5", description = """
                Smallest liveness probability (the liveness model's probability that the selfie shows a live person) \
                for the selfie to count as live. Larger is stricter.""")
        double minimumLivenessTolerance,

        @Column(name = "passive_active_skip_tolerance")
        @Schema(required = true, minimum = "0", maximum = "1", examples = "0.9", description = """
                In liveness_mode passive_active: the passive liveness probability from which the active steps are \
                skipped. Meant to be at least minimum_liveness_tolerance. Larger asks for the active steps more \
                often.""")
        double passiveActiveSkipTolerance,

        @Column(name = "gender_probability_tolerance")
        @Schema(required = true, minimum = "0", maximum = "1", examples = "0.8", description = """
                Smallest probability of the gender estimated from the face for it to be compared with the document; \
                below it the gender check is not scored. Larger is stricter about when to compare.""")
        double genderProbabilityTolerance,

        @Column(name = "gender_weight")
        @Schema(required = true, minimum = "0", maximum = "1", examples = "0.5", description = """
                Weight of the gender check (estimated from the face against the document) in the session score.""")
        double genderWeight,

        @Column(name = "expression_tolerance")
        @Schema(required = true, minimum = "0", maximum = "1", examples = "0.5", description = """
                Smallest probability the expression model must give the expected expression (neutral for a selfie, \
                the requested one in an active liveness step). Larger is stricter.""")
        double expressionTolerance,

        @Column(name = "age_tolerance")
        @Schema(required = true, minimum = "0", maximum = "100", examples = "10", description = """
                Largest difference, in years, between the age estimated from the face and the age from the \
                document's birth date. Larger is more permissive.""")
        double ageTolerance,

        @Column(name = "age_weight")
        @Schema(required = true, minimum = "0", maximum = "1", examples = "0.5", description = """
                Weight of the age check in the session score.""")
        double ageWeight,

        @Column(name = "direction_tolerance")
        @Schema(required = true, minimum = "0", maximum = "90", examples = "20", description = """
                Largest head-pose angle, in degrees (yaw or pitch), between the face and the direction expected: \
                straight ahead for a selfie, the requested turn in an active liveness step. Larger is more \
                permissive.""")
        double directionTolerance) {
}
