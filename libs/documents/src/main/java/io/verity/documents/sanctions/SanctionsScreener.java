package io.verity.documents.sanctions;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * Screens a person's name (and date of birth) against the individuals of an {@link SdnList}, primary names and
 * aliases, in any script (names are compared after ICU transliteration to ASCII, see {@link Names}).
 *
 * <p>Two names match when the normalised Levenshtein distance between their sorted words is at most the tolerance
 * (the weights' {@code ofac_fuzzy_match_tolerance}). Each side is also tried without its middle names, since
 * documents and the list disagree about which given names they carry. Immutable and thread-safe.
 */
public final class SanctionsScreener {

    /** The most matches reported for one person. */
    public static final int MAX_MATCHES = 10;

    /** A reading of a name: its words and their sorted, joined key. */
    private record Variant(String[] tokens, String key) {

        static Variant of(String[] tokens) {
            return new Variant(tokens, Names.key(tokens));
        }
    }

    private record Candidate(SdnEntry entry, String name, List<Variant> variants) {
    }

    private final SdnList list;
    private final List<Candidate> candidates = new ArrayList<>();

    public SanctionsScreener(SdnList list) {
        this.list = list;
        for (SdnEntry e : list.entries()) {
            if (!e.individual()) {
                continue; // a document holder is a person: vessels, aircraft and companies are not screened
            }
            candidates.add(new Candidate(e, e.name(), variants(Names.tokens(e.name()))));
            for (String alias : e.aliases()) {
                candidates.add(new Candidate(e, alias, variants(Names.tokens(alias))));
            }
        }
    }

    public SdnList list() {
        return list;
    }

    /** How many names (primary and aliases of individuals) a screening compares with. */
    public int names() {
        return candidates.size();
    }

    /**
     * The entries whose names match, best first, at most {@link #MAX_MATCHES}; one match per entry.
     *
     * @param tolerance largest normalised edit distance (0–1) at which two names match
     */
    public List<SanctionsMatch> screen(String firstName, String middleName, String lastName, LocalDate birthDate,
            double tolerance) {
        String[] first = Names.tokens(firstName);
        String[] middle = Names.tokens(middleName);
        String[] last = Names.tokens(lastName);
        if (first.length + last.length == 0) {
            return List.of();
        }
        List<Variant> queries = new ArrayList<>();
        queries.add(Variant.of(concat(first, middle, last)));
        if (middle.length > 0 || first.length > 1) {
            queries.add(Variant.of(concat(first.length > 0 ? new String[] {first[0]} : first, new String[0], last)));
        }
        Map<Integer, SanctionsMatch> best = new LinkedHashMap<>();
        for (Candidate c : candidates) {
            double distance = 1;
            for (Variant q : queries) {
                for (Variant v : c.variants()) {
                    distance = Math.min(distance, distance(q, v, tolerance));
                }
            }
            if (distance <= tolerance) {
                SanctionsMatch m = new SanctionsMatch(c.entry().id(), c.entry().name(), c.name(), round(1 - distance),
                        birthDateMatches(c.entry(), birthDate), c.entry().programs(), c.entry().addresses());
                best.merge(m.entryId(), m, (a, b) -> a.score() >= b.score() ? a : b);
            }
        }
        return best.values().stream()
                .sorted(Comparator.comparingDouble(SanctionsMatch::score).reversed()
                        .thenComparing(m -> !Boolean.TRUE.equals(m.birthDateMatches()))
                        .thenComparingInt(SanctionsMatch::entryId))
                .limit(MAX_MATCHES).toList();
    }

    /**
     * The smaller of two normalised edit distances: between the sorted words joined ("ALZAWAHIRI AYMAN" against
     * "AL ZAWAHIRI AYMAN" costs one space), and, with as many words on each side, word against its closest word
     * ("AIMAN AL ZAWAHIRI" against "AL ZAWAHIRI AYMAN" costs one letter, whatever the order).
     */
    static double distance(String[] query, String[] listed, double tolerance) {
        return distance(Variant.of(query), Variant.of(listed), tolerance);
    }

    private static double distance(Variant q, Variant v, double tolerance) {
        double joined = distance(q.key(), v.key(), tolerance);
        String[] query = q.tokens();
        String[] listed = v.tokens();
        int longest = Math.max(q.key().length(), v.key().length());
        if (query.length != listed.length || query.length < 2
                || Math.abs(q.key().length() - v.key().length()) > tolerance * longest) {
            return joined; // the word-by-word distance is at least the difference in letters
        }
        List<String> left = new ArrayList<>(List.of(listed));
        String[] ordered = query.clone();
        Arrays.sort(ordered, Comparator.comparingInt(String::length).reversed());
        int edits = 0;
        int chars = 0;
        for (String word : ordered) {
            int bestIndex = 0;
            int best = Integer.MAX_VALUE;
            for (int i = 0; i < left.size(); i++) {
                int d = LevenshteinDistance.getDefaultInstance().apply(word, left.get(i));
                if (d < best) {
                    best = d;
                    bestIndex = i;
                }
            }
            chars += Math.max(word.length(), left.get(bestIndex).length());
            edits += best;
            left.remove(bestIndex);
        }
        return Math.min(joined, (double) edits / chars);
    }

    private static double distance(String a, String b, double tolerance) {
        int longest = Math.max(a.length(), b.length());
        if (longest == 0) {
            return 1;
        }
        int limit = (int) Math.floor(tolerance * longest);
        if (Math.abs(a.length() - b.length()) > limit) {
            return 1;
        }
        int d = new LevenshteinDistance(limit).apply(a, b);
        return d < 0 ? 1 : (double) d / longest;
    }

    private static Boolean birthDateMatches(SdnEntry e, LocalDate birthDate) {
        if (birthDate == null || e.birthDates().isEmpty()) {
            return null;
        }
        return e.birthDates().stream().anyMatch(d -> d.agreesWith(birthDate));
    }

    /** The listed name's words, and, with three words or more, each reading without one of them. */
    private static List<Variant> variants(String[] tokens) {
        List<Variant> variants = new ArrayList<>();
        variants.add(Variant.of(tokens));
        if (tokens.length >= 3) {
            for (int skip = 0; skip < tokens.length; skip++) {
                final int s = skip;
                String[] fewer = java.util.stream.IntStream.range(0, tokens.length).filter(i -> i != s)
                        .mapToObj(i -> tokens[i]).toArray(String[]::new);
                if (String.join(" ", fewer).length() >= 8) { // "KIM UN" alone would match too many people
                    variants.add(Variant.of(fewer));
                }
            }
        }
        return variants;
    }

    private static String[] concat(String[] a, String[] b, String[] c) {
        String[] all = Arrays.copyOf(a, a.length + b.length + c.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        System.arraycopy(c, 0, all, a.length + b.length, c.length);
        return all;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
