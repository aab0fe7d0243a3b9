package io.verity.weights;

import java.util.List;
import java.util.Map;

/**
 * The field names of the vendor spec's weights and requirements sections, copied from specs/002 by hand: the tests
 * check the service against this list, not against its own code.
 */
final class SpecFields {

    static final List<String> WEIGHTS = List.of(
            "onboarding_face_encoding_tolerance", "verified_account_face_encoding_tolerance",
            "driver_license_fuzzy_match_tolerance", "driver_license_fuzzy_match_weight",
            "state_id_fuzzy_match_tolerance", "state_id_fuzzy_match_weight",
            "passport_fuzzy_match_tolerance", "passport_fuzzy_match_weight",
            "passport_card_fuzzy_match_tolerance", "passport_card_fuzzy_match_weight",
            "ofac_fuzzy_match_tolerance", "ofac_fuzzy_match_weight",
            "suspicious_words_weight", "image_manipulation_weight", "online_duplication_weight",
            "is_identity_document_weight", "aamva_match_tolerance", "aamva_match_weight",
            "idv_session_tolerance", "minimum_liveness_tolerance", "passive_active_skip_tolerance",
            "gender_probability_tolerance", "gender_weight", "expression_tolerance",
            "age_tolerance", "age_weight", "direction_tolerance");

    /** The upper end of each weights field's range; every range starts at 0. */
    static final Map<String, Double> WEIGHTS_MAXIMUM = Map.of("age_tolerance", 100.0, "direction_tolerance", 90.0);

    static final List<String> REQUIREMENTS = List.of(
            "document_number_required", "ref_number_required", "issue_at_required", "expires_at_required",
            "issuing_country_required", "issuing_state_required", "first_name_required", "middle_name_required",
            "last_name_required", "name_suffix_required", "street_required", "city_required", "state_required",
            "postal_code_required", "birth_date_required", "gender_required", "height_required", "weight_required",
            "eye_color_required", "hair_color_required", "class_required", "mentions_required",
            "restrictions_required", "raw_barcode_required", "face_encoding_required");

    static final List<String> DOCUMENT_TYPES = List.of(
            "unknown", "driver_license", "identification_card", "passport", "passport_card");

    private SpecFields() {
    }

    static double maximum(String weightsField) {
        return WEIGHTS_MAXIMUM.getOrDefault(weightsField, 1.0);
    }
}
