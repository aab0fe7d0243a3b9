package io.verity.webhook.service;

import io.verity.platform.crypto.BiometricCipher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Endpoint signing secrets at rest: sealed (AES-GCM) under the client's data key and bound to the endpoint, so a
 * database dump does not let anyone forge webhooks. The worker keeps opened keys per endpoint version in memory.
 */
@ApplicationScoped
public class EndpointSecrets {

    @Inject
    BiometricCipher cipher;

    private record Opened(OffsetDateTime version, byte[] current, byte[] previous) {
    }

    private final Map<UUID, Opened> opened = new ConcurrentHashMap<>();

    public byte[] seal(UUID clientId, UUID endpointId, String secret) {
        return cipher.encrypt(clientId, context(endpointId), secret.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The keys that sign for an endpoint now: its current secret, and its previous one while the rotation's grace
     * period lasts.
     *
     * @param version the endpoint's updated_at: a cached opening of an older version is not used
     */
    public List<byte[]> signingKeys(UUID clientId, UUID endpointId, OffsetDateTime version, byte[] sealed,
            byte[] sealedPrevious, OffsetDateTime previousExpiresAt) {
        Opened keys = opened.get(endpointId);
        if (keys == null || !keys.version.isEqual(version)) {
            keys = new Opened(version, open(clientId, endpointId, sealed),
                    sealedPrevious == null ? null : open(clientId, endpointId, sealedPrevious));
            opened.put(endpointId, keys);
        }
        List<byte[]> result = new ArrayList<>(2);
        result.add(keys.current);
        if (keys.previous != null && previousExpiresAt != null && previousExpiresAt.isAfter(OffsetDateTime.now())) {
            result.add(keys.previous);
        }
        return result;
    }

    private byte[] open(UUID clientId, UUID endpointId, byte[] sealed) {
        String secret = new String(cipher.decrypt(clientId, context(endpointId), sealed), StandardCharsets.UTF_8);
        return Signatures.key(secret);
    }

    private static String context(UUID endpointId) {
        return "webhook-endpoint/" + endpointId;
    }
}
