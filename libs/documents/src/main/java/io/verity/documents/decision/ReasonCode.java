package io.verity.documents.decision;

import java.util.Map;

/**
 * The reason codes a decision gives, Kairos's where it names them. Each has the severity it takes when its check
 * fails but the session's settings say that check does not fail the session ({@link #softSeverity}); a failed check
 * that fails the session is always {@link Severity#REJECT}.
 */
public enum ReasonCode {
    DOCUMENT_EXPIRED("Document has already expired.", Severity.REVIEW),
    FAKE_ID("The document uploaded is a fake or sample document, not an authentic document.", Severity.REVIEW),
    FAILED_FACE_MATCH("Faces do not match.", Severity.REVIEW),
    LIVENESS_FAILED("The selfie does not show a live person.", Severity.REVIEW),
    SANCTIONS_HIT("The name matches an entry of the OFAC sanctions list.", Severity.REVIEW),
    BARCODE_MISMATCH("The data in the barcode differ from the data printed on the document.", Severity.REVIEW),
    MRZ_MISMATCH("The data in the machine-readable zone differ from the data printed on the document.", Severity.REVIEW),
    MRZ_CHECK_FAILED("A check digit of the machine-readable zone is wrong.", Severity.REVIEW),
    IMAGE_MANIPULATED("The document image shows signs of editing.", Severity.REVIEW),
    DUPLICATE_DOCUMENT("The same document image was already submitted.", Severity.REVIEW),
    NOT_IDENTITY_DOCUMENT("The image does not show an identity document.", Severity.REVIEW),
    DOCUMENT_UNREADABLE("The document could not be read.", Severity.REVIEW),
    REQUIRED_FIELD_MISSING("A field the requirements ask for could not be read from the document.", Severity.REVIEW),
    DMV_MISMATCH("The issuing authority's record differs from the document.", Severity.REVIEW),
    DUPLICATE_FACE("The face already belongs to a verified identity.", Severity.REVIEW),
    AGE_MISMATCH("The age estimated from the selfie does not fit the document's date of birth.", Severity.WARNING),
    GENDER_MISMATCH("The gender estimated from the selfie differs from the document's.", Severity.WARNING),
    LOW_SCORE("The verification score is below the client's threshold.", Severity.REVIEW);

    private static final Map<String, ReasonCode> BY_CHECK = Map.ofEntries(
            Map.entry("face_match", FAILED_FACE_MATCH),
            Map.entry("liveness", LIVENESS_FAILED),
            Map.entry("duplicate_face", DUPLICATE_FACE),
            Map.entry("age", AGE_MISMATCH),
            Map.entry("gender", GENDER_MISMATCH),
            Map.entry("document_read", DOCUMENT_UNREADABLE),
            Map.entry("document_expired", DOCUMENT_EXPIRED),
            Map.entry("known_sample", FAKE_ID),
            Map.entry("doc_front_suspicious_words", FAKE_ID),
            Map.entry("doc_back_suspicious_words", FAKE_ID),
            Map.entry("mrz_check_digits", MRZ_CHECK_FAILED),
            Map.entry("doc_front_image_manipulation", IMAGE_MANIPULATED),
            Map.entry("doc_back_image_manipulation", IMAGE_MANIPULATED),
            Map.entry("doc_front_online_duplication", DUPLICATE_DOCUMENT),
            Map.entry("doc_back_online_duplication", DUPLICATE_DOCUMENT),
            Map.entry("doc_front_is_identity_document", NOT_IDENTITY_DOCUMENT),
            Map.entry("doc_back_is_identity_document", NOT_IDENTITY_DOCUMENT),
            Map.entry("sanctions", SANCTIONS_HIT),
            Map.entry("requirements", REQUIRED_FIELD_MISSING),
            Map.entry("dmv", DMV_MISMATCH));

    private final String description;
    private final Severity softSeverity;

    ReasonCode(String description, Severity softSeverity) {
        this.description = description;
        this.softSeverity = softSeverity;
    }

    public String description() {
        return description;
    }

    public Severity softSeverity() {
        return softSeverity;
    }

    /** The code a failed check of this name gives, or null for a check without one. */
    public static ReasonCode forCheck(String check) {
        return BY_CHECK.get(check);
    }
}
