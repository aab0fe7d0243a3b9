package io.verity.documents.decision;

import java.util.List;
import java.util.Map;

/**
 * What the document checks are held against: a weights version's tolerances and weights (for the document's type),
 * the requirements version's required fields and the session's finalization settings.
 *
 * @param fieldTolerance          largest normalised edit distance at which two readings of a field agree
 * @param fieldWeight             weight of the field cross-checks
 * @param ofacTolerance           largest normalised edit distance at which a name is a sanctions hit
 * @param ofacWeight              weight of the screening
 * @param suspiciousWordsWeight   weight of the suspicious-words and known-sample checks
 * @param imageManipulationWeight weight of the image-manipulation check
 * @param onlineDuplicationWeight weight of the online-duplication check
 * @param isIdentityDocumentWeight weight of the is-identity-document check
 * @param aamvaTolerance          largest share of DMV fields that may disagree
 * @param aamvaWeight             weight of the DMV check
 * @param imageManipulationTest   whether the session asked for the image-manipulation test
 * @param settings                the finalization settings ({@code *_fail} flags)
 * @param requiredFields          the fields the requirements ask for, by spec name (e.g. {@code document_number})
 */
public record Policy(double fieldTolerance, double fieldWeight, double ofacTolerance, double ofacWeight,
        double suspiciousWordsWeight, double imageManipulationWeight, double onlineDuplicationWeight,
        double isIdentityDocumentWeight, double aamvaTolerance, double aamvaWeight, boolean imageManipulationTest,
        Map<String, Object> settings, List<String> requiredFields) {

    /** A {@code *_fail} setting, or its default. */
    public boolean fails(String setting, boolean fallback) {
        Object value = settings == null ? null : settings.get(setting);
        return value instanceof Boolean b ? b : fallback;
    }
}
