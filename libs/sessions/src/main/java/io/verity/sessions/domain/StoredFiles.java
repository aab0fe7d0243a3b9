package io.verity.sessions.domain;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.verity.platform.crypto.BiometricCipher;
import io.verity.platform.error.ProblemException;
import io.verity.sessions.blobs.BlobStore;
import io.verity.sessions.images.ImageCheck;
import io.verity.sessions.liveness.Liveness;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Session images (IDV's and IDA's) in the blob store, encrypted under the client's data key and bound to their blob
 * key, each with its {@link StoredFile} record, in the caller's transaction. On PostgreSQL the bytes commit or roll
 * back with the record; on S3 a stored blob is deleted again if the transaction rolls back, and an erased one only once
 * the transaction has committed.
 */
@ApplicationScoped
public class StoredFiles {

    @Inject
    BlobStore blobs;

    @Inject
    BiometricCipher cipher;

    @Inject
    TransactionSynchronizationRegistry transactions;

    /** Stores the image as {@code file} (a new record of the service's table), under {@code <prefix>/<session>/<type>/<id>}. */
    public <F extends StoredFile> F store(F file, String prefix, UUID clientId, UUID sessionId, String fileType,
            ImageCheck.Checked image) {
        file.id = UUID.randomUUID();
        file.clientId = clientId;
        file.sessionId = sessionId;
        file.fileType = fileType;
        file.blobKey = prefix + "/" + sessionId + "/" + fileType + "/" + file.id;
        file.contentType = image.contentType();
        file.width = image.width();
        file.height = image.height();
        file.sizeBytes = image.bytes().length;
        file.sha256 = Liveness.sha256(image.bytes());
        file.createdAt = OffsetDateTime.now();
        blobs.put(clientId, file.blobKey, cipher.encrypt(clientId, file.blobKey, image.bytes()));
        String key = file.blobKey;
        if (!onPostgres()) {
            afterCompletion(false, () -> blobs.delete(clientId, key));
        }
        file.persist();
        return file;
    }

    /** The decrypted bytes of a stored image (in a transaction: the PostgreSQL backend reads in it). */
    public byte[] read(StoredFile file) {
        byte[] sealed = blobs.get(file.clientId, file.blobKey)
                .orElseThrow(() -> new ProblemException(500, "image_missing", "the stored image cannot be found"));
        return cipher.decrypt(file.clientId, file.blobKey, sealed);
    }

    /** {@link #read} in a transaction of its own when the caller has none. */
    public byte[] readAlone(StoredFile file) {
        return QuarkusTransaction.joiningExisting().call(() -> read(file));
    }

    /** Deletes an image's record and bytes, in the caller's transaction (S3: the bytes once it has committed). */
    public void erase(StoredFile file) {
        UUID clientId = file.clientId;
        String key = file.blobKey;
        if (onPostgres()) {
            blobs.delete(clientId, key);
        } else {
            afterCompletion(true, () -> blobs.delete(clientId, key));
        }
        file.delete();
    }

    private boolean onPostgres() {
        return "postgres".equals(blobs.name());
    }

    private void afterCompletion(boolean committed, Runnable action) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if ((status == Status.STATUS_COMMITTED) == committed) {
                    action.run();
                }
            }
        });
    }
}
