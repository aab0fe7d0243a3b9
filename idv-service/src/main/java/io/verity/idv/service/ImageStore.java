package io.verity.idv.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.verity.idv.domain.SessionFile;
import io.verity.sessions.blobs.BlobStore;
import io.verity.platform.crypto.BiometricCipher;
import io.verity.platform.error.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.UUID;
import io.verity.sessions.images.ImageCheck;

/**
 * A session's images, encrypted under the client's data key (bound to the blob's key) in the {@link BlobStore}. Called
 * inside the transaction that records the image: if it rolls back, the blob is deleted too (the PostgreSQL backend
 * rolls back with it anyway).
 */
@ApplicationScoped
public class ImageStore {

    @Inject
    BlobStore blobs;

    @Inject
    BiometricCipher cipher;

    @Inject
    TransactionSynchronizationRegistry transactions;

    /** Stores the image as the session's {@code fileType} (replacing none: a session has one image per type). */
    public SessionFile store(UUID clientId, UUID sessionId, String fileType, ImageCheck.Checked image) {
        SessionFile file = new SessionFile();
        file.id = UUID.randomUUID();
        file.clientId = clientId;
        file.sessionId = sessionId;
        file.fileType = fileType;
        file.blobKey = "idv/" + sessionId + "/" + fileType + "/" + file.id;
        file.contentType = image.contentType();
        file.width = image.width();
        file.height = image.height();
        file.sizeBytes = image.bytes().length;
        file.sha256 = sha256(image.bytes());
        file.createdAt = OffsetDateTime.now();
        byte[] sealed = cipher.encrypt(clientId, file.blobKey, image.bytes());
        blobs.put(clientId, file.blobKey, sealed);
        String key = file.blobKey;
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status != Status.STATUS_COMMITTED && !"postgres".equals(blobs.name())) {
                    blobs.delete(clientId, key);
                }
            }
        });
        file.persist();
        return file;
    }

    /** Deletes a stored image's bytes (its record is the caller's to delete). */
    public void discard(SessionFile file) {
        blobs.delete(file.clientId, file.blobKey);
    }

    /** The decrypted bytes of a stored image. */
    public byte[] read(SessionFile file) {
        byte[] sealed = blobs.get(file.clientId, file.blobKey)
                .orElseThrow(() -> new ProblemException(500, "image_missing", "the stored image cannot be found"));
        return cipher.decrypt(file.clientId, file.blobKey, sealed);
    }

    /** Reads outside any caller transaction (the PostgreSQL backend needs one). */
    public byte[] readAlone(SessionFile file) {
        return QuarkusTransaction.joiningExisting().call(() -> read(file));
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
