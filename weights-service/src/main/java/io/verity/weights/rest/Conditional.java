package io.verity.weights.rest;

import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Conditional reads. A version never changes, so its id is its entity tag; a caller that sends it back in
 * If-None-Match gets 304 and no body for as long as the same version is in force.
 */
final class Conditional {

    /** What is in force may change at any time: caches must ask again (If-None-Match makes that cheap). */
    static final String CURRENT = "private, no-cache";
    /** A version read by its id never changes. */
    static final String IMMUTABLE = "private, max-age=86400, immutable";

    private Conditional() {
    }

    static EntityTag tag(UUID versionId) {
        return new EntityTag(versionId.toString());
    }

    /** One tag for a list of versions: it changes when any of them does. */
    static EntityTag tag(List<UUID> versionIds) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            versionIds.forEach(id -> digest.update(id.toString().getBytes(StandardCharsets.US_ASCII)));
            return new EntityTag(HexFormat.of().formatHex(digest.digest(), 0, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** 304 when the caller's If-None-Match names {@code tag}, else 200 with the body; both carry the tag. */
    static <T> RestResponse<T> answer(Request request, EntityTag tag, String cacheControl, T body) {
        RestResponse.ResponseBuilder<T> response = request.evaluatePreconditions(tag) != null
                ? RestResponse.ResponseBuilder.notModified(tag)
                : RestResponse.ResponseBuilder.ok(body);
        return response.tag(tag).header(HttpHeaders.CACHE_CONTROL, cacheControl).build();
    }
}
