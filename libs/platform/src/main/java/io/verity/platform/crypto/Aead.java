package io.verity.platform.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM as Verity stores it: version byte, 12-byte random nonce, ciphertext with its 16-byte tag; the associated
 * data binds a ciphertext to what it belongs to. Also how a client's data key is wrapped by the master key.
 * Plain Java on purpose: {@link BiometricCipher} and the operator tools use the same format.
 */
public final class Aead {

    private static final byte FORMAT = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Aead() {
    }

    /** The master key from its base64 form (VERITY_MASTER_KEY), or a message that says what is wrong. */
    public static SecretKey masterKey(String base64) {
        if (base64 == null || base64.isBlank()) {
            throw new IllegalStateException("VERITY_MASTER_KEY (verity.crypto.master-key) is not set: biometric data cannot be stored");
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("VERITY_MASTER_KEY is not valid base64");
        }
        if (raw.length != 32) {
            throw new IllegalStateException("VERITY_MASTER_KEY must be 32 bytes (AES-256), base64-encoded; it has " + raw.length);
        }
        return new SecretKeySpec(raw, "AES");
    }

    public static SecretKey newDataKey() {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256, RANDOM);
            return generator.generateKey();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] wrapDataKey(SecretKey master, UUID clientId, SecretKey dataKey) {
        return seal(master, dataKeyContext(clientId), dataKey.getEncoded());
    }

    public static SecretKey unwrapDataKey(SecretKey master, UUID clientId, byte[] wrapped) {
        return new SecretKeySpec(open(master, dataKeyContext(clientId), wrapped), "AES");
    }

    /** The associated data of a client's record: ciphertext of one record does not open as another's. */
    public static byte[] recordContext(UUID clientId, String context) {
        return (clientId + "/" + context).getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] seal(SecretKey key, byte[] associatedData, byte[] plaintext) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData);
            byte[] ciphertext = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(1 + NONCE_BYTES + ciphertext.length).put(FORMAT).put(nonce).put(ciphertext).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    public static byte[] open(SecretKey key, byte[] associatedData, byte[] sealed) {
        if (sealed.length < 1 + NONCE_BYTES + TAG_BITS / 8 || sealed[0] != FORMAT) {
            throw new IllegalStateException("not a Verity ciphertext");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 1, NONCE_BYTES));
            cipher.updateAAD(associatedData);
            return cipher.doFinal(sealed, 1 + NONCE_BYTES, sealed.length - 1 - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the ciphertext does not decrypt under this key and context "
                    + "(wrong client, wrong record, or tampered)", e);
        }
    }

    private static byte[] dataKeyContext(UUID clientId) {
        return ("verity-data-key:" + clientId).getBytes(StandardCharsets.UTF_8);
    }
}
