package io.verity.documents.dmv;

import java.util.Map;

/**
 * The DMV's answer.
 *
 * @param found   whether the DMV holds a record for the document number
 * @param matches per spec field ({@code dmv_document_number_match}, …): true agrees, false differs, null not sent
 * @param source  who answered ("AAMVA test scenario DLDVSTRUCTUREDTEST12", an endpoint's host)
 */
public record DmvResult(boolean found, Map<String, Boolean> matches, String source) {

    /** The spec's dmv_*_match fields, in its order. */
    public static final java.util.List<String> FIELDS = java.util.List.of("dmv_document_number_match",
            "dmv_document_expiration_match", "dmv_document_issue_match", "dmv_document_category_match",
            "dmv_birth_date_match", "dmv_sex_match", "dmv_eye_color_match", "dmv_height_match", "dmv_weight_match",
            "dmv_first_name_match", "dmv_middle_name_match", "dmv_last_name_match", "dmv_suffix_name_match",
            "dmv_street_match", "dmv_city_match", "dmv_state_match", "dmv_postal_code_match");
}
