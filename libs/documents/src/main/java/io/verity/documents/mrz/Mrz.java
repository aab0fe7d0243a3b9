package io.verity.documents.mrz;

import io.verity.documents.DocumentFields;
import io.verity.documents.DocumentReading.CheckDigit;
import java.util.List;

/**
 * A machine-readable zone read and parsed.
 *
 * @param format       TD1, TD2, TD3 or a visa format
 * @param lines        the lines after repair
 * @param fields       the person and document fields
 * @param documentCode the document code (e.g. {@code P}, {@code ID}, {@code V})
 * @param nationality  the holder's nationality code
 * @param optionalData the optional data (personal number), filler removed
 * @param checkDigits  every check digit of the format with the digit printed and the digit computed
 * @param repairs      what the ICAO 9303 rules changed in what OCR read, one entry per change
 */
public record Mrz(MrzFormat format, List<String> lines, DocumentFields fields, String documentCode, String nationality,
        String optionalData, List<CheckDigit> checkDigits, List<String> repairs) {

    public boolean allChecksValid() {
        return checkDigits.stream().allMatch(CheckDigit::valid);
    }
}
