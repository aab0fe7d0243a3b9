package io.verity.webhook.service;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks signing: a secret is {@code whsec_} + base64 of 32 random bytes; a signature is
 * {@code v1,} + base64(HMAC-SHA256(key, "{webhook-id}.{webhook-timestamp}.{body}")); several signatures (a rotation's
 * old and new secret) are separated by spaces in one {@code webhook-signature} header.
 */
public final class Signatures {

    public static final String SECRET_PREFIX = "whsec_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Signatures() {
    }

    public static String newSecret() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return SECRET_PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /** The HMAC key of a {@code whsec_} secret. */
    public static byte[] key(String secret) {
        String encoded = secret.startsWith(SECRET_PREFIX) ? secret.substring(SECRET_PREFIX.length()) : secret;
        return Base64.getDecoder().decode(encoded);
    }

    /** {@code v1,<base64 signature>} of one message with one key. */
    public static String sign(byte[] key, String webhookId, long timestampSeconds, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((webhookId + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
            byte[] digest = mac.doFinal(body.getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    /** The {@code webhook-signature} header: one signature per key, newest first. */
    public static String header(List<byte[]> keys, String webhookId, long timestampSeconds, String body) {
        return keys.stream().map(key -> sign(key, webhookId, timestampSeconds, body)).collect(Collectors.joining(" "));
    }
}
