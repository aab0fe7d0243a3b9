package io.verity.documents.sanctions;

import com.ibm.icu.text.Transliterator;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Name normalisation for screening: any script transliterated to Latin and then to ASCII (ICU4J), upper case,
 * punctuation dropped, honorifics removed, tokens sorted so that "LAST, First" and "First Last" compare equal.
 */
public final class Names {

    private static final Transliterator TO_ASCII = Transliterator.getInstance("Any-Latin; Latin-ASCII");
    private static final Set<String> HONORIFICS = Set.of("DR", "MR", "MRS", "MS", "MISS", "SHAYKH", "SHEIKH", "SHEIK",
            "HAJI", "HAJJI", "GENERAL", "GEN", "COLONEL", "COL", "MAJOR", "CAPTAIN", "CAPT", "PROF", "SIR", "MULLAH",
            "MAULANA", "IMAM", "JR", "SR");

    private Names() {
    }

    /** The name in ASCII upper case, words only (no punctuation), honorifics removed, in the original order. */
    public static String[] tokens(String name) {
        if (name == null || name.isBlank()) {
            return new String[0];
        }
        String ascii = name;
        if (!name.chars().allMatch(c -> c < 128)) {
            synchronized (TO_ASCII) { // ICU transliterators are not documented as thread-safe
                ascii = TO_ASCII.transliterate(name);
            }
        }
        return Arrays.stream(ascii.toUpperCase(Locale.ROOT).replace("'", "").split("[^A-Z0-9]+"))
                .filter(t -> !t.isEmpty() && !HONORIFICS.contains(t)).toArray(String[]::new);
    }

    /** The tokens sorted and joined by one space: the key two spellings of the same name share. */
    public static String key(String... tokens) {
        return Arrays.stream(tokens).sorted().collect(Collectors.joining(" "));
    }
}
