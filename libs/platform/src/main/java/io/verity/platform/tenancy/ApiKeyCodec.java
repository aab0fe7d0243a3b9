package io.verity.platform.tenancy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The format of API keys: {@code vty_<12 base32 chars>.<43 base64url chars>}.
 *
 * <p>The part before the dot is the public prefix (stored, indexed, shown in listings); the whole key has
 * 256 bits of secret randomness, so a single SHA-256 is the right hash: there is nothing to brute-force
 * that a slow password hash would protect. Plain Java on purpose: the launcher uses it without Quarkus.
 */
public final class ApiKeyCodec {

    /** How every key starts; a JWT never does (it starts with a base64url JSON header, "ey..."). */
    public static final String PREFIX_MARK = "vty_";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private static final Pattern FORMAT = Pattern.compile("(vty_[a-z2-7]{12})\\.([A-Za-z0-9_-]{43})");

    private ApiKeyCodec() {
    }

    /** A freshly generated key: {@code key} is shown to its owner once, only {@code prefix} and {@code hash} are kept. */
    public record GeneratedKey(String key, String prefix, byte[] hash) {
    }

    public static GeneratedKey generate() {
        StringBuilder prefix = new StringBuilder("vty_");
        for (int i = 0; i < 12; i++) {
            prefix.append(BASE32[RANDOM.nextInt(BASE32.length)]);
        }
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String key = prefix + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        return new GeneratedKey(key, prefix.toString(), hash(key));
    }

    /** The public prefix of a well-formed key, or empty for anything else. */
    public static Optional<String> prefixOf(String key) {
        if (key == null || key.length() > 80) {
            return Optional.empty();
        }
        var m = FORMAT.matcher(key);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    public static byte[] hash(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    public static boolean matches(String key, byte[] storedHash) {
        return MessageDigest.isEqual(hash(key), storedHash);
    }
}
