package io.verity.sessions.blobs;


import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.persistence.EntityManager;

/** The blob store that {@code verity.<service>.storage.backend} names. */
public class BlobStoreProducer {

    @Produces
    @ApplicationScoped
    BlobStore blobStore(StorageSettings storage, EntityManager entityManager) {
        return switch (storage.backend()) {
            case "postgres" -> new PostgresBlobStore(entityManager);
            case "s3" -> new S3BlobStore(storage.s3());
            default -> throw new IllegalStateException("the storage backend (verity.<service>.storage.backend) must be postgres or s3, not "
                    + storage.backend());
        };
    }
}
