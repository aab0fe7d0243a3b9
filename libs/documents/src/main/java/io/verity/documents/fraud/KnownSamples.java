package io.verity.documents.fraud;

import io.verity.documents.DocumentFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Published specimen documents: the fictional issuer codes of ICAO Doc 9303 ({@code UTO}, Utopia) and the document
 * numbers printed on the specimens that governments and ICAO publish. A document that carries one is a sample,
 * whatever else it shows (Kairos answers such a document with {@code FAKE_ID}).
 */
public final class KnownSamples {

    /** Issuer codes that no real state uses: ICAO's Utopia. */
    public static final List<String> ISSUERS = List.of("UTO");

    /** Document numbers of published specimens, with where they come from. */
    public static final Map<String, String> DOCUMENT_NUMBERS = Map.of(
            "L898902C3", "ICAO Doc 9303 passport (TD3) specimen",
            "D23145890", "ICAO Doc 9303 TD1/TD2 specimen",
            "SPECI2014", "Netherlands passport specimen",
            "C01X00T47", "German passport specimen (Erika Mustermann)",
            "T22000129", "German identity card specimen (Erika Mustermann)");

    private KnownSamples() {
    }

    /** Why the fields are those of a published sample, one reason per finding; empty when none. */
    public static List<String> find(DocumentFields... sources) {
        List<String> reasons = new ArrayList<>();
        for (DocumentFields f : sources) {
            if (f == null) {
                continue;
            }
            String issuer = f.issuingCountry() == null ? null : f.issuingCountry().strip().toUpperCase(Locale.ROOT);
            if (issuer != null && ISSUERS.contains(issuer) && !reasons.contains("issuer " + issuer + " is fictional (ICAO specimen)")) {
                reasons.add("issuer " + issuer + " is fictional (ICAO specimen)");
            }
            String number = f.documentNumber() == null ? null
                    : f.documentNumber().replaceAll("[^A-Za-z0-9]", "").toUpperCase(Locale.ROOT);
            if (number != null && DOCUMENT_NUMBERS.containsKey(number)) {
                String reason = "document number " + number + " is the " + DOCUMENT_NUMBERS.get(number);
                if (!reasons.contains(reason)) {
                    reasons.add(reason);
                }
            }
        }
        return List.copyOf(reasons);
    }
}
