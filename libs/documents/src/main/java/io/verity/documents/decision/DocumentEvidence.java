package io.verity.documents.decision;

import io.verity.documents.DocumentReading;
import io.verity.documents.sanctions.SanctionsMatch;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Everything the document checks decide from, stored with the session so that the decision can be made again.
 *
 * @param documentType   the spec's document type
 * @param reading        what the reader read, or null when no reader ran ({@code readerProblem} says why)
 * @param readerProblem  why there is no reading, or null
 * @param sides          the image evidence of each side given
 * @param portraitFound  whether the matcher found a face on the front image
 * @param sanctions      the screening's matches (empty: screened, nothing found), or null when not screened
 * @param sanctionsList  which list version screened (its size and SHA-256), or null
 * @param dmv            the DMV's answer per spec field ({@code dmv_*_match}), or null when not asked
 * @param asOf           the date expiry is judged at (the day of the first decision)
 */
public record DocumentEvidence(String documentType, DocumentReading reading, String readerProblem,
        List<SideEvidence> sides, boolean portraitFound, List<SanctionsMatch> sanctions, String sanctionsList,
        Map<String, Boolean> dmv, LocalDate asOf) {
}
