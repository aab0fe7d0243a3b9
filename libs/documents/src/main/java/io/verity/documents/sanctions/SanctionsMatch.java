package io.verity.documents.sanctions;

import java.util.List;

/**
 * A possible hit: which entry, which of its names matched and how closely.
 *
 * @param entryId          OFAC's ent_num
 * @param listedName       the entry's primary name
 * @param matchedName      the name (primary or alias) that matched
 * @param score            1 − the normalised edit distance between the names (1 = the same words)
 * @param birthDateMatches true when a listed date of birth agrees with the document's, false when the list gives
 *                         dates and none agrees, null when either side has none
 * @param programs         the sanctions programs
 * @param addresses        the entry's addresses
 */
public record SanctionsMatch(int entryId, String listedName, String matchedName, double score, Boolean birthDateMatches,
        String programs, List<String> addresses) {
}
