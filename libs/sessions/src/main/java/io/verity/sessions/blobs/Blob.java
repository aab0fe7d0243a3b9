package io.verity.sessions.blobs;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** An object of the PostgreSQL blob store: already-encrypted bytes under a key. */
@Entity
@Table(schema = "core", name = "blobs")
public class Blob extends PanacheEntityBase {

    @Id
    public String key;

    @Column(name = "client_id", nullable = false)
    public UUID clientId;

    @Column(nullable = false)
    public byte[] data;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;
}
