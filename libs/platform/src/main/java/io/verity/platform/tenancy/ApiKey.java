package io.verity.platform.tenancy;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/** An API key of a client. Only its public prefix and the SHA-256 of the whole key are stored. */
@Entity
@Table(schema = "core", name = "api_keys")
public class ApiKey extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "client_id", nullable = false)
    public UUID clientId;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false, unique = true)
    public String prefix;

    @Column(name = "key_hash", nullable = false)
    public byte[] keyHash;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "last_used_at")
    public OffsetDateTime lastUsedAt;

    @Column(name = "revoked_at")
    public OffsetDateTime revokedAt;

    public static Optional<ApiKey> byPrefix(String prefix) {
        return find("prefix", prefix).firstResultOptional();
    }

    public static Optional<ApiKey> ofClient(UUID clientId, UUID keyId) {
        return find("id = ?1 and clientId = ?2", keyId, clientId).firstResultOptional();
    }

    public boolean revoked() {
        return revokedAt != null;
    }
}
