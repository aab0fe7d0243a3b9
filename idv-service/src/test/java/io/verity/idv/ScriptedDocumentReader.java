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
 * TEST DOUBLE, never shipped: answers the reading a test registered for a front image (by its SHA-256), and null
 * (nothing read) for any other image. It stands in for the real reader (branch docs-read) so that the decision,
 * its storage and the APIs can be tested end to end with known readings; the reader itself is tested in its own
 * packages.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class ScriptedDocumentReader implements DocumentReader {

    private static final Map<String, DocumentReading> READINGS = new ConcurrentHashMap<>();

    static void script(byte[] front, DocumentReading reading) {
        READINGS.put(sha256(front), reading);
    }

    @Override
    public DocumentReading read(byte[] front, byte[] back, String documentType) {
        return READINGS.get(sha256(front));
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
