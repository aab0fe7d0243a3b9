package io.verity.documents;

/** Reads a document's front and (optional) back images. Implementations are thread-safe. */
public interface DocumentReader {

    /**
     * @param front        the front image bytes (JPEG/PNG/WebP), never null
     * @param back         the back image bytes, or null when the document has none
     * @param documentType the spec's document type (e.g. "passport", "drivers_license", "id_card")
     */
    DocumentReading read(byte[] front, byte[] back, String documentType);
}
