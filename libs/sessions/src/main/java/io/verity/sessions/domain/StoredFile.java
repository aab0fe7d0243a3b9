package io.verity.sessions.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * An image of a session (IDV's or IDA's: a document side, a liveness frame, the selfie), its bytes encrypted in the blob
 * store under {@link #blobKey}. Each service maps its own table onto these columns.
 */
@MappedSuperclass
public abstract class StoredFile extends PanacheEntityBase {

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
}
