package io.verity.documents.barcode;

import io.verity.documents.DocumentFields;
import java.util.List;
import java.util.Map;

/**
 * An AAMVA card design standard payload, parsed.
 *
 * @param version             the AAMVA version (1–10; 0 for pre-standard "AAMVA" files)
 * @param jurisdictionVersion the jurisdiction's own version (from version 2 on), else 0
 * @param issuerId            the issuer identification number (IIN, e.g. 636014 for California)
 * @param subfiles            each subfile's elements by id (e.g. {@code DL → {DAQ → D1234567, …}}), in order
 * @param fields              the spec's document fields
 * @param truncation          the truncation flags by name part (family, first, middle → T, N or U), when present
 * @param warnings            what did not parse cleanly (an element that should be a date and is not, …)
 */
public record Aamva(int version, int jurisdictionVersion, String issuerId, Map<String, Map<String, String>> subfiles,
        DocumentFields fields, Map<String, String> truncation, List<String> warnings) {

    /** An element of the first subfile that has it (DL or ID first). */
    public String element(String id) {
        for (Map<String, String> subfile : subfiles.values()) {
            String value = subfile.get(id);
            if (value != null) {
                return value;
            }
        }
        return null;
    }
}
