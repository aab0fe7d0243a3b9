package io.verity.idv.repository;

import java.util.Optional;
import java.util.UUID;

/**
 * Where the (already encrypted) bytes of images live: PostgreSQL by default, or an S3-compatible object store
 * ({@code verity.idv.storage.backend}). Keys are unique; callers never overwrite. {@link io.verity.idv.service.ImageStore}
 * encrypts before and decrypts after.
 */
public interface BlobStore {

    void put(UUID clientId, String key, byte[] data);

    Optional<byte[]> get(UUID clientId, String key);

    void delete(UUID clientId, String key);

    /** Whether the store answers, for /health. */
    boolean reachable();

    /** postgres or s3. */
    String name();
}
