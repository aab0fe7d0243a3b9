package io.verity.sessions.blobs;

import jakarta.persistence.EntityManager;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/** Blobs in {@code core.blobs}, written in the caller's transaction (callers hold one): an image and its record commit together. */
public class PostgresBlobStore implements BlobStore {

    private final EntityManager entityManager;

    public PostgresBlobStore(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Override
    public void put(UUID clientId, String key, byte[] data) {
        Blob blob = new Blob();
        blob.key = key;
        blob.clientId = clientId;
        blob.data = data;
        blob.createdAt = OffsetDateTime.now();
        entityManager.persist(blob);
    }

    @Override
    public Optional<byte[]> get(UUID clientId, String key) {
        Blob blob = entityManager.find(Blob.class, key);
        return blob == null || !blob.clientId.equals(clientId) ? Optional.empty() : Optional.of(blob.data);
    }

    @Override
    public void delete(UUID clientId, String key) {
        entityManager.createQuery("delete from Blob where key = ?1 and clientId = ?2")
                .setParameter(1, key).setParameter(2, clientId).executeUpdate();
    }

    @Override
    public boolean reachable() {
        return entityManager.createNativeQuery("SELECT 1").getSingleResult() != null;
    }

    @Override
    public String name() {
        return "postgres";
    }
}
