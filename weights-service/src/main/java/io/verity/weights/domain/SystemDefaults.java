package io.verity.weights.domain;

import io.verity.platform.weights.DocumentType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What applies to a client that has set nothing. weights-service/README.md lists each value with its source;
 * {@code DefaultsDocumentationTest} keeps that table and these values equal.
 */
public final class SystemDefaults {

    /**
     * Largest cosine distance at which two faces match, for both face tolerances: 0.59, i.e. cosine similarity at
     * least 0.41, the face engine's default match threshold (libs/face {@code FaceEngineConfig}, identity-service
     * {@code verity.face.match-threshold}), calibrated on ../shared/data/faces-calibration: the lowest threshold with
     * a false-accept rate at most 0.05% over 34,395 different-person pairs (docs/face-engine.md).
     * {@code FaceToleranceTest} keeps the two in step.
     */
    public static final double FACE_ENCODING_TOLERANCE = 0.59;

    public static final WeightValues WEIGHTS = new WeightValues(
            FACE_ENCODING_TOLERANCE, // onboarding_face_encoding_tolerance
            FACE_ENCODING_TOLERANCE, // verified_account_face_encoding_tolerance
            0.2, // driver_license_fuzzy_match_tolerance
            1.0, // driver_license_fuzzy_match_weight
            0.2, // state_id_fuzzy_match_tolerance
            1.0, // state_id_fuzzy_match_weight
            0.2, // passport_fuzzy_match_tolerance
            1.0, // passport_fuzzy_match_weight
            0.2, // passport_card_fuzzy_match_tolerance
            1.0, // passport_card_fuzzy_match_weight
            0.15, // ofac_fuzzy_match_tolerance
            1.0, // ofac_fuzzy_match_weight
            1.0, // suspicious_words_weight
            1.0, // image_manipulation_weight
            1.0, // online_duplication_weight
            1.0, // is_identity_document_weight
            0.1, // aamva_match_tolerance
            1.0, // aamva_match_weight
            0.3, // idv_session_tolerance
            0.5, // minimum_liveness_tolerance
            0.9, // passive_active_skip_tolerance
            0.8, // gender_probability_tolerance
            0.5, // gender_weight
            0.5, // expression_tolerance
            10.0, // age_tolerance (years)
            0.5, // age_weight
            20.0); // direction_tolerance (degrees)

    /** What the machine-readable zone of every ICAO 9303 document holds, plus the portrait. */
    private static final Set<String> ICAO_MRZ = Set.of("document_number_required", "expires_at_required",
            "issuing_country_required", "first_name_required", "last_name_required", "birth_date_required",
            "gender_required", "face_encoding_required");

    /** The mandatory data elements of an AAMVA identification card that Verity reads, plus barcode and portrait. */
    private static final Set<String> AAMVA_ID_CARD = union(ICAO_MRZ, "ref_number_required", "issue_at_required",
            "issuing_state_required", "street_required", "city_required", "state_required", "postal_code_required",
            "height_required", "eye_color_required", "raw_barcode_required");

    /** A document whose type could not be told: only what every identity document has. */
    private static final Set<String> ANY_DOCUMENT = Set.of("document_number_required", "expires_at_required",
            "first_name_required", "last_name_required", "birth_date_required", "face_encoding_required");

    private SystemDefaults() {
    }

    /** The default requirements of a document type; they do not depend on the data source. */
    public static RequirementValues requirements(DocumentType type) {
        Set<String> required = switch (type) {
            case DRIVER_LICENSE -> union(AAMVA_ID_CARD, "class_required");
            case IDENTIFICATION_CARD -> AAMVA_ID_CARD;
            case PASSPORT, PASSPORT_CARD -> ICAO_MRZ;
            case UNKNOWN -> ANY_DOCUMENT;
        };
        Set<String> unknown = required.stream()
                .filter(name -> RecordFields.of(RequirementValues.class).stream().noneMatch(f -> f.name().equals(name)))
                .collect(Collectors.toSet());
        if (!unknown.isEmpty()) {
            throw new IllegalStateException("not requirement fields: " + unknown);
        }
        return RecordFields.construct(RequirementValues.class, field -> required.contains(field.name()));
    }

    /** Identifies a set of values: equal values, equal fingerprint (record toString lists every component). */
    public static String fingerprint(Record values) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(values.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static Set<String> union(Set<String> base, String... more) {
        return Stream.concat(base.stream(), Stream.of(more)).collect(Collectors.toUnmodifiableSet());
    }
}
