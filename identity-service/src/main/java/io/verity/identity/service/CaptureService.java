package io.verity.identity.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.verity.identity.config.IdentityConfig;
import io.verity.identity.domain.Capture;
import io.verity.platform.crypto.Aead;
import io.verity.platform.crypto.BiometricCipher;
import io.verity.platform.crypto.CryptoConfig;
import io.verity.platform.error.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.logging.Logger;

/**
 * Gate photos of matched identifications: stored encrypted for a retention period, served only to the owning client
 * through short-lived signed URLs ({@code /identity/captures/{id}?expires=…&signature=…}, which also need the client's
 * API key). The signing key is derived from the master key, so every replica accepts every replica's URLs.
 */
@ApplicationScoped
public class CaptureService {

    private static final Logger LOG = Logger.getLogger(CaptureService.class);

    @Inject
    BiometricCipher cipher;

    @Inject
    CryptoConfig crypto;

    @Inject
    IdentityConfig config;

    private volatile SecretKeySpec signingKey;

    /** A stored photo, ready to be served. */
    public record Image(byte[] bytes, String mediaType) {
    }

    /** Keeps the photo of a matched identification, in the caller's transaction if there is one; returns its id. */
    public UUID store(UUID clientId, UUID eventId, UUID activityId, byte[] image) {
        UUID id = UUID.randomUUID();
        byte[] sealed = cipher.encrypt(clientId, Capture.cipherContext(id), image);
        QuarkusTransaction.joiningExisting().run(() -> {
            Capture c = new Capture();
            c.id = id;
            c.clientId = clientId;
            c.eventId = eventId;
            c.activityId = activityId;
            c.imageEnc = sealed;
            c.mediaType = mediaType(image);
            c.createdAt = OffsetDateTime.now();
            c.expiresAt = c.createdAt.plus(config.captureRetention());
            c.persist();
        });
        return id;
    }

    /** The path and query of a URL to the capture, valid for {@code verity.identity.capture-url-lifetime}. */
    public String signedPath(UUID clientId, UUID captureId) {
        long expires = Instant.now().plus(config.captureUrlLifetime()).getEpochSecond();
        return "/identity/captures/" + captureId + "?expires=" + expires + "&signature=" + signature(clientId, captureId, expires);
    }

    /** The photo, if the signature is this client's, unexpired, and the capture still kept; else 403 or 404. */
    public Image read(UUID clientId, UUID captureId, Long expires, String signature) {
        if (expires == null || signature == null || Instant.now().getEpochSecond() > expires
                || !MessageDigest.isEqual(signature(clientId, captureId, expires).getBytes(StandardCharsets.US_ASCII),
                        signature.getBytes(StandardCharsets.US_ASCII))) {
            throw new ProblemException(403, "invalid_signature",
                    "the link is not valid for this client or has expired; identify again for a new one");
        }
        Capture c = QuarkusTransaction.requiringNew().call(() -> Capture.live(clientId, captureId)
                .orElseThrow(() -> ProblemException.notFound("capture " + captureId)));
        return new Image(cipher.decrypt(clientId, Capture.cipherContext(c.id), c.imageEnc), c.mediaType);
    }

    @Scheduled(every = "10m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purgeExpired() {
        long deleted = QuarkusTransaction.requiringNew().call(() -> Capture.delete("expiresAt <= ?1", OffsetDateTime.now()));
        if (deleted > 0) {
            LOG.infof("deleted %d expired gate photo(s)", deleted);
        }
    }

    private String signature(UUID clientId, UUID captureId, long expires) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key());
            byte[] sig = mac.doFinal((clientId + "|" + captureId + "|" + expires).getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(sig);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    private SecretKeySpec key() throws GeneralSecurityException {
        SecretKeySpec k = signingKey;
        if (k == null) {
            Mac derive = Mac.getInstance("HmacSHA256");
            derive.init(new SecretKeySpec(Aead.masterKey(crypto.masterKey().orElse(null)).getEncoded(), "HmacSHA256"));
            k = new SecretKeySpec(derive.doFinal("verity identity-service capture URLs".getBytes(StandardCharsets.US_ASCII)),
                    "HmacSHA256");
            signingKey = k;
        }
        return k;
    }

    private static String mediaType(byte[] image) {
        if (image.length > 3 && (image[0] & 0xff) == 0xFF && (image[1] & 0xff) == 0xD8) {
            return "image/jpeg";
        }
        if (image.length > 8 && (image[0] & 0xff) == 0x89 && image[1] == 'P') {
            return "image/png";
        }
        if (image.length > 12 && image[8] == 'W' && image[9] == 'E') {
            return "image/webp";
        }
        return "application/octet-stream";
    }
}
