package io.verity.platform.crypto;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts biometric data (face templates, images) with AES-256-GCM under the owning client's data key. Each
 * ciphertext is bound to what it belongs to through the associated data ({@code context}, e.g. the template id), so
 * bytes copied into another row or another client's record do not decrypt. Layout: version byte, 12-byte nonce,
 * ciphertext with its 16-byte tag.
 */
@ApplicationScoped
public class BiometricCipher {

    private static final byte FORMAT = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

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
        return seal(dataKey(clientId), aad(clientId, context), plaintext);
    }

    public byte[] decrypt(UUID clientId, String context, byte[] sealed) {
        return open(dataKey(clientId), aad(clientId, context), sealed);
    }

    private SecretKey dataKey(UUID clientId) {
        return dataKeys.computeIfAbsent(clientId, id -> QuarkusTransaction.requiringNew().call(() -> loadOrCreate(id)));
    }

    private SecretKey loadOrCreate(UUID clientId) {
        byte[] aad = ("verity-data-key:" + clientId).getBytes(StandardCharsets.UTF_8);
        DataKey stored = DataKey.findById(clientId);
        if (stored == null) {
            SecretKey fresh = newAesKey();
            // Two replicas may race to create the key: the first insert wins, everyone reads what was stored.
            entityManager.createNativeQuery("INSERT INTO core.data_keys (client_id, wrapped_key) VALUES (?1, ?2) "
                            + "ON CONFLICT (client_id) DO NOTHING")
                    .setParameter(1, clientId)
                    .setParameter(2, seal(master(), aad, fresh.getEncoded()))
                    .executeUpdate();
            entityManager.flush();
            entityManager.clear();
            stored = DataKey.findById(clientId);
        }
        return new SecretKeySpec(open(master(), aad, stored.wrappedKey), "AES");
    }

    private SecretKey master() {
        SecretKey key = masterKey;
        if (key == null) {
            String encoded = config.masterKey().filter(s -> !s.isBlank()).orElseThrow(() -> new IllegalStateException(
                    "VERITY_MASTER_KEY (verity.crypto.master-key) is not set: biometric data cannot be stored"));
            byte[] raw;
            try {
                raw = Base64.getDecoder().decode(encoded.trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("VERITY_MASTER_KEY is not valid base64");
            }
            if (raw.length != 32) {
                throw new IllegalStateException("VERITY_MASTER_KEY must be 32 bytes (AES-256), base64-encoded; it has " + raw.length);
            }
            key = new SecretKeySpec(raw, "AES");
            masterKey = key;
        }
        return key;
    }

    private static byte[] aad(UUID clientId, String context) {
        return (clientId + "/" + context).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] seal(SecretKey key, byte[] aad, byte[] plaintext) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad);
            byte[] ciphertext = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(1 + NONCE_BYTES + ciphertext.length).put(FORMAT).put(nonce).put(ciphertext).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    private static byte[] open(SecretKey key, byte[] aad, byte[] sealed) {
        if (sealed.length < 1 + NONCE_BYTES + TAG_BITS / 8 || sealed[0] != FORMAT) {
            throw new IllegalStateException("not a Verity ciphertext");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 1, NONCE_BYTES));
            cipher.updateAAD(aad);
            return cipher.doFinal(sealed, 1 + NONCE_BYTES, sealed.length - 1 - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the ciphertext does not decrypt under this key and context "
                    + "(wrong client, wrong record, or tampered)", e);
        }
    }

    private static SecretKey newAesKey() {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256, RANDOM);
            return generator.generateKey();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
