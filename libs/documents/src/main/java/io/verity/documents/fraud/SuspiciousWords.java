package io.verity.documents.fraud;

import io.verity.documents.sanctions.Names;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * Words that mark a specimen or an invalidated document ("SPECIMEN", "SAMPLE", "VOID", the German "MUSTER"...),
 * found in OCR text in any script and case, with one OCR slip tolerated in words of seven letters or more
 * ("SPEC1MEN", "SPECIMFN").
 */
public final class SuspiciousWords {

    public static final List<String> WORDS = List.of("SPECIMEN", "ESPECIMEN", "SAMPLE", "VOID", "MUSTER", "MUSTERMANN",
            "FACSIMILE", "EXAMPLE", "DUMMY", "INVALID", "CANCELLED", "CANCELED", "UNGULTIG", "ANNULE");

    private static final LevenshteinDistance ONE_SLIP = new LevenshteinDistance(1);

    private SuspiciousWords() {
    }

    /** The suspicious words found, as listed in {@link #WORDS}, each once, in the order found. */
    public static List<String> find(List<String> lines) {
        Set<String> found = new LinkedHashSet<>();
        if (lines == null) {
            return List.of();
        }
        for (String line : lines) {
            List<String> tokens = new ArrayList<>(List.of(Names.tokens(ocrDigitsAsLetters(line))));
            // words OCR split into letters ("S P E C I M E N") or joined with a neighbour
            tokens.add(String.join("", tokens));
            for (String token : tokens) {
                String best = null;
                int bestDistance = Integer.MAX_VALUE;
                for (String word : WORDS) {
                    int d = token.equals(word) ? 0
                            : token.length() >= 7 && word.length() >= 7 ? ONE_SLIP.apply(token, word)
                            : -1;
                    if (d < 0 && token.length() > word.length() + 2 && word.length() >= 7 && token.contains(word)) {
                        d = 1;
                    }
                    if (d >= 0 && d < bestDistance) {
                        best = word;
                        bestDistance = d;
                    }
                }
                if (best != null) {
                    found.add(best);
                }
            }
        }
        return List.copyOf(found);
    }

    /** OCR's usual digit-for-letter slips, for word matching only: 0→O, 1→I, 5→S, 8→B. */
    private static String ocrDigitsAsLetters(String line) {
        return line.replace('0', 'O').replace('1', 'I').replace('5', 'S').replace('8', 'B');
    }
}
