package io.verity.idv;

import io.verity.documents.DocumentReader;
import io.verity.documents.DocumentReading;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * TEST DOUBLE, never shipped: answers the reading a test registered for a front image (by its SHA-256), hands the
 * images a test marked {@link #real} to the real reader ({@link DocumentReaders}), and answers null (nothing read)
 * for any other image, so that tests that use a face photo as the "document" keep testing what they test. The
 * decision, its storage and the APIs are tested end to end with known readings; the reader itself is tested in
 * libs/documents and, through here, on the ICAO specimen.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class ScriptedDocumentReader implements DocumentReader {

    private static final Map<String, DocumentReading> READINGS = new ConcurrentHashMap<>();
    private static final java.util.Set<String> REAL = ConcurrentHashMap.newKeySet();

    @jakarta.inject.Inject
    io.verity.idv.service.DocumentReaders readers;

    static void script(byte[] front, DocumentReading reading) {
        READINGS.put(sha256(front), reading);
    }

    static void real(byte[] front) {
        REAL.add(sha256(front));
    }

    @Override
    public DocumentReading read(byte[] front, byte[] back, String documentType) {
        String key = sha256(front);
        return REAL.contains(key) ? readers.ocr().read(front, back, documentType) : READINGS.get(key);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
