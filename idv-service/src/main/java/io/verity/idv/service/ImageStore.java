package io.verity.idv.service;

import io.verity.idv.domain.SessionFile;
import io.verity.sessions.domain.StoredFiles;
import io.verity.sessions.images.ImageCheck;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;

/** An IDV session's images: {@link StoredFiles} with idv's table and blob-key prefix. */
@ApplicationScoped
public class ImageStore {

    @Inject
    StoredFiles files;

    /** Stores the image as the session's {@code fileType}, in the caller's transaction (one image per type). */
    public SessionFile store(UUID clientId, UUID sessionId, String fileType, ImageCheck.Checked image) {
        return files.store(new SessionFile(), "idv", clientId, sessionId, fileType, image);
    }

    /** Deletes a stored image, record and bytes, in the caller's transaction. */
    public void erase(SessionFile file) {
        files.erase(file);
    }

    /** The decrypted bytes of a stored image. */
    public byte[] read(SessionFile file) {
        return files.read(file);
    }

    /** Reads outside any caller transaction (the PostgreSQL backend needs one). */
    public byte[] readAlone(SessionFile file) {
        return files.readAlone(file);
    }
}
