package io.verity.idv.repository;

import io.verity.idv.config.IdvConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.persistence.EntityManager;

/** The blob store that {@code verity.idv.storage.backend} names. */
public class BlobStoreProducer {

    @Produces
    @ApplicationScoped
    BlobStore blobStore(IdvConfig config, EntityManager entityManager) {
        return switch (config.storage().backend()) {
            case "postgres" -> new PostgresBlobStore(entityManager);
            case "s3" -> new S3BlobStore(config.storage().s3());
            default -> throw new IllegalStateException("verity.idv.storage.backend must be postgres or s3, not "
                    + config.storage().backend());
        };
    }
}
