package io.verity.documents;

import java.util.List;

/**
 * Everything read from a document's images, per source. A source that could not be read is null and
 * {@link #problems()} says why, in words a caller may see. The checks and the decision work only from this record,
 * so a stored reading can be decided again.
 *
 * @param barcode     fields parsed from the back's PDF417 (AAMVA), or null
 * @param rawBarcode  the PDF417 payload as decoded, or null
 * @param mrz         fields parsed from the machine-readable zone, or null
 * @param mrzLines    the MRZ lines after repair, or empty
 * @param checkDigits every MRZ check digit with its outcome, or empty
 * @param visualZone  fields read by OCR from the printed zone, or null
 * @param ocrText     all text OCR found on the front, one line per entry, for word-level checks
 * @param problems    why a source was not read (e.g. "no PDF417 found on the back image")
 */
public record DocumentReading(
        DocumentFields barcode,
        String rawBarcode,
        DocumentFields mrz,
        List<String> mrzLines,
        List<CheckDigit> checkDigits,
        DocumentFields visualZone,
        List<String> ocrText,
        List<String> problems) {

    /** One ICAO 9303 check digit: which field it protects, the digit printed and the digit computed. */
    public record CheckDigit(String field, char printed, char computed) {
        public boolean valid() {
            return printed == computed;
        }
    }
}
