package io.verity.idv.domain;

import io.verity.sessions.domain.StoredFile;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.Optional;
import java.util.UUID;

/** An IDV session's image (a document side, a liveness frame, the selfie). */
@Entity
@Table(schema = "idv", name = "session_files")
public class SessionFile extends StoredFile {

    public static Optional<SessionFile> of(UUID clientId, UUID sessionId, String fileType) {
        return find("clientId = ?1 and sessionId = ?2 and fileType = ?3", clientId, sessionId, fileType).firstResultOptional();
    }
}
