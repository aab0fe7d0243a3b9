package io.verity.platform.crypto;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.SecretKey;

/**
 * Encrypts biometric data (face templates, images) under the owning client's data key ({@link Aead}). Each
 * ciphertext is bound to what it belongs to through {@code context} (e.g. the template id), so bytes copied into
 * another row or another client's record do not decrypt. Data keys are created on first use, stored wrapped by the
 * master key in {@code core.data_keys}, and cached unwrapped in memory.
 */
@ApplicationScoped
public class BiometricCipher {

    @Inject
    CryptoConfig config;

    @Inject
    EntityManager entityManager;

    private final Map<UUID, SecretKey> dataKeys = new ConcurrentHashMap<>();
    private volatile SecretKey masterKey;

    /** Fails unless a valid master key is configured: called at start-up by services that store biometric data. */
    public void requireMasterKey() {
        master();
    }

    public byte[] encrypt(UUID clientId, String context, byte[] plaintext) {
        return Aead.seal(dataKey(clientId), Aead.recordContext(clientId, context), plaintext);
    }

    public byte[] decrypt(UUID clientId, String context, byte[] sealed) {
        return Aead.open(dataKey(clientId), Aead.recordContext(clientId, context), sealed);
    }

    private SecretKey dataKey(UUID clientId) {
        return dataKeys.computeIfAbsent(clientId, id -> QuarkusTransaction.requiringNew().call(() -> loadOrCreate(id)));
    }

    private SecretKey loadOrCreate(UUID clientId) {
        DataKey stored = DataKey.findById(clientId);
        if (stored == null) {
            // Two replicas may race to create the key: the first insert wins, everyone reads what was stored.
            entityManager.createNativeQuery("INSERT INTO core.data_keys (client_id, wrapped_key) VALUES (?1, ?2) "
                            + "ON CONFLICT (client_id) DO NOTHING")
                    .setParameter(1, clientId)
                    .setParameter(2, Aead.wrapDataKey(master(), clientId, Aead.newDataKey()))
                    .executeUpdate();
            entityManager.flush();
            entityManager.clear();
            stored = DataKey.findById(clientId);
        }
        return Aead.unwrapDataKey(master(), clientId, stored.wrappedKey);
    }

    private SecretKey master() {
        SecretKey key = masterKey;
        if (key == null) {
            key = Aead.masterKey(config.masterKey().orElse(null));
            masterKey = key;
        }
        return key;
    }
}
