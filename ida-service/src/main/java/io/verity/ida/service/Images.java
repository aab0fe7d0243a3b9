package io.verity.ida.service;

import io.verity.ida.domain.IdaSessionFile;
import io.verity.ida.domain.StoredFile;
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
 * Session images in the blob store, encrypted under the client's data key and bound to their blob key: IDA's frames
 * (written here) and IDV's images (read and erased here). Deleting a blob on the S3 backend happens after the
 * transaction that deleted its record committed; on PostgreSQL with it.
 */
@ApplicationScoped
public class Images {

    @Inject
    BlobStore blobs;

    @Inject
    BiometricCipher cipher;

    @Inject
    TransactionSynchronizationRegistry transactions;

    /** Stores an IDA session's frame as {@code fileType}, in the caller's transaction. */
    public IdaSessionFile store(UUID clientId, UUID sessionId, String fileType, ImageCheck.Checked image) {
        IdaSessionFile file = new IdaSessionFile();
        file.id = UUID.randomUUID();
        file.clientId = clientId;
        file.sessionId = sessionId;
        file.fileType = fileType;
        file.blobKey = "ida/" + sessionId + "/" + fileType + "/" + file.id;
        file.contentType = image.contentType();
        file.width = image.width();
        file.height = image.height();
        file.sizeBytes = image.bytes().length;
        file.sha256 = Liveness.sha256(image.bytes());
        file.createdAt = OffsetDateTime.now();
        blobs.put(clientId, file.blobKey, cipher.encrypt(clientId, file.blobKey, image.bytes()));
        String key = file.blobKey;
        afterRollback(() -> blobs.delete(clientId, key));
        file.persist();
        return file;
    }

    /** The decrypted bytes of a stored image (in a transaction: the PostgreSQL backend reads in it). */
    public byte[] read(StoredFile file) {
        byte[] sealed = blobs.get(file.clientId, file.blobKey)
                .orElseThrow(() -> new ProblemException(500, "image_missing", "the stored image cannot be found"));
        return cipher.decrypt(file.clientId, file.blobKey, sealed);
    }

    /** Deletes an image's bytes and record, in the caller's transaction (S3: once it has committed). */
    public void erase(StoredFile file) {
        UUID clientId = file.clientId;
        String key = file.blobKey;
        if ("postgres".equals(blobs.name())) {
            blobs.delete(clientId, key);
        } else {
            afterCommit(() -> blobs.delete(clientId, key));
        }
        file.delete();
    }

    private void afterRollback(Runnable action) {
        if ("postgres".equals(blobs.name())) {
            return; // rolls back with the transaction
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status != Status.STATUS_COMMITTED) {
                    action.run();
                }
            }
        });
    }

    private void afterCommit(Runnable action) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    action.run();
                }
            }
        });
    }
}
