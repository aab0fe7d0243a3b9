package io.verity.ida.service;

import io.verity.ida.domain.IdaSessionFile;
import io.verity.sessions.domain.StoredFile;
import io.verity.sessions.domain.StoredFiles;
import io.verity.sessions.images.ImageCheck;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;

/**
 * Session images: IDA's frames (written here, {@link StoredFiles} with ida's table and blob-key prefix) and IDV's
 * images (read and erased here).
 */
@ApplicationScoped
public class Images {

    @Inject
    StoredFiles files;

    /** Stores an IDA session's frame as {@code fileType}, in the caller's transaction. */
    public IdaSessionFile store(UUID clientId, UUID sessionId, String fileType, ImageCheck.Checked image) {
        return files.store(new IdaSessionFile(), "ida", clientId, sessionId, fileType, image);
    }

    /** The decrypted bytes of a stored image (in a transaction: the PostgreSQL backend reads in it). */
    public byte[] read(StoredFile file) {
        return files.read(file);
    }

    /** Deletes an image's bytes and record, in the caller's transaction (S3: once it has committed). */
    public void erase(StoredFile file) {
        files.erase(file);
    }
}
