package io.verity.sessions.blobs;

import java.util.Optional;
import java.util.UUID;

/**
 * Where the (already encrypted) bytes of images live: PostgreSQL by default, or an S3-compatible object store
 * ({@code verity.<service>.storage.backend}). Keys are unique; callers never overwrite. The services (BiometricCipher)
 * encrypt before and decrypt after.
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
