package io.verity.documents.read;

import io.verity.documents.DocumentFields;
import io.verity.documents.DocumentReading;
import io.verity.documents.sanctions.Names;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * The spec's {@code ocr_name_match}, {@code ocr_address_match} and {@code ocr_document_number_match}: what the
 * visual zone printed against what the barcode (else the MRZ) encodes. Both sides are transliterated to Latin
 * capitals by ICU ({@code Any-Latin; Latin-ASCII}: ÆRØ → AERO, Müller → MULLER, Иванов → IVANOV) and compared by
 * normalised edit distance (Commons Text's Levenshtein over the longer length), which matches when it is at most
 * the weights' fuzzy tolerance for the document type ({@code passport_fuzzy_match_tolerance}, 0.2 by default).
 */
public final class FieldMatch {

    private static final LevenshteinDistance LEVENSHTEIN = LevenshteinDistance.getDefaultInstance();

    /**
     * One comparison per spec field: null when either side lacks the field.
     *
     * @param nameDistance the normalised edit distance of the names (0–1), or NaN
     */
    public record Result(Boolean ocrNameMatch, Boolean ocrAddressMatch, Boolean ocrDocumentNumberMatch, double nameDistance,
            double addressDistance, double documentNumberDistance) {
    }

    private FieldMatch() {
    }

    public static Result compare(DocumentReading reading, double tolerance) {
        DocumentFields printed = reading.visualZone();
        DocumentFields reference = reading.barcode() != null ? reading.barcode() : reading.mrz();
        if (printed == null || reference == null) {
            return new Result(null, null, null, Double.NaN, Double.NaN, Double.NaN);
        }
        double name = nameDistance(printed, reference);
        double address = distance(join(printed.street(), printed.city()), join(reference.street(), reference.city()));
        double number = distance(alphanumeric(printed.documentNumber()), alphanumeric(reference.documentNumber()));
        return new Result(matches(name, tolerance), matches(address, tolerance), matches(number, tolerance), name, address, number);
    }

    /** The names' distance: given and family names in either order (a visual zone may print family name first). */
    static double nameDistance(DocumentFields a, DocumentFields b) {
        String first = join(a.firstName(), a.lastName());
        String second = join(b.firstName(), b.lastName());
        if (first == null || second == null) {
            return Double.NaN;
        }
        return Math.min(distance(first, second), distance(sortedWords(first), sortedWords(second)));
    }

    /**
     * As {@link #distance(String, String)}, and with {@code wordsInAnyOrder} also with both sides' words sorted, the
     * smaller of the two (a name printed family name first still matches).
     */
    public static double distance(String a, String b, boolean wordsInAnyOrder) {
        double straight = distance(a, b);
        return wordsInAnyOrder && !Double.isNaN(straight) ? Math.min(straight, distance(sortedWords(a), sortedWords(b))) : straight;
    }

    /** Levenshtein distance over the longer length, after transliteration; NaN when either is missing. */
    public static double distance(String a, String b) {
        String x = normalise(a);
        String y = normalise(b);
        if (x == null || y == null || x.isEmpty() || y.isEmpty()) {
            return Double.NaN;
        }
        return (double) LEVENSHTEIN.apply(x, y) / Math.max(x.length(), y.length());
    }

    /** Latin capitals and digits, one space between words. */
    public static String normalise(String s) {
        if (s == null) {
            return null;
        }
        return Names.ascii(s).toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", " ").trim();
    }

    private static Boolean matches(double distance, double tolerance) {
        return Double.isNaN(distance) ? null : distance <= tolerance;
    }

    private static String join(String a, String b) {
        if (a == null && b == null) {
            return null;
        }
        return ((a == null ? "" : a) + " " + (b == null ? "" : b)).trim();
    }

    private static String alphanumeric(String s) {
        return s == null ? null : s.replaceAll("[^A-Za-z0-9]", "");
    }

    private static String sortedWords(String s) {
        return Arrays.stream(normalise(s).split(" ")).sorted().collect(Collectors.joining(" "));
    }
}
