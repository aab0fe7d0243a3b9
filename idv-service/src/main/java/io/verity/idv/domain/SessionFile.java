package io.verity.idv.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/** An image of a session (a document side, a liveness frame, the selfie); its bytes are in the blob store, encrypted. */
@Entity
@Table(schema = "idv", name = "session_files")
public class SessionFile extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "session_id", nullable = false)
    public UUID sessionId;

    @Column(name = "client_id", nullable = false)
    public UUID clientId;

    /** The spec's storage_file_type_e. */
    @Column(name = "file_type", nullable = false)
    public String fileType;

    @Column(name = "blob_key", nullable = false)
    public String blobKey;

    @Column(name = "content_type", nullable = false)
    public String contentType;

    @Column(nullable = false)
    public int width;

    @Column(nullable = false)
    public int height;

    @Column(name = "size_bytes", nullable = false)
    public int sizeBytes;

    @Column(nullable = false)
    public byte[] sha256;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    public static Optional<SessionFile> of(UUID clientId, UUID sessionId, String fileType) {
        return find("clientId = ?1 and sessionId = ?2 and fileType = ?3", clientId, sessionId, fileType).firstResultOptional();
    }
}
