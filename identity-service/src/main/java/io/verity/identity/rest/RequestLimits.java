package io.verity.identity.rest;

import io.verity.identity.service.ClientLimits;
import io.verity.platform.error.Problem;
import io.verity.platform.security.ApiKeyAuthenticationMechanism;
import io.verity.platform.tenancy.ApiKeyService;
import io.verity.platform.web.RequestIds;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Checks that run before a request body is read, so that a body that will be refused is never received:
 * <ul>
 *   <li>each endpoint's size limit, from {@code Content-Length} (413): a photo endpoint takes what one image may be,
 *       JSON endpoints without images 64 KiB; {@code quarkus.http.limits.max-body-size} bounds bodies sent without a
 *       length;</li>
 *   <li>a client whose analyses are all running gets 429 with {@code Retry-After} on the endpoints that analyse a
 *       photo, before its upload is read (when its key is in the cache; otherwise the limit applies when the analysis
 *       starts).</li>
 * </ul>
 */
@ApplicationScoped
public class RequestLimits {

    static final long KIB = 1024;
    static final long MIB = 1024 * KIB;
    /** One image (15 MiB, verity.face.max-image-bytes) in a multipart body. */
    static final long PHOTO_UPLOAD = 16 * MIB;
    /** One image as base64 in JSON, or a bulk registration's photos: a third larger than the image. */
    static final long PHOTO_JSON = 21 * MIB;
    /** Everything else: events, attendee fields, queries. */
    static final long SMALL_JSON = 64 * KIB;

    private static final Pattern IDENTITY = Pattern.compile("/identity/?");
    private static final Pattern SEARCH_BY_FACE = Pattern.compile("/api/v3/kyc_verification/search-by-face/?");
    private static final Pattern ATTENDEES = Pattern.compile("/events/[^/]+/attendees(/bulk)?/?");
    private static final Pattern INTERNAL_IMAGES = Pattern.compile("/internal/v1/(faces/(analyze|analyze-set|compare)|galleries/[^/]+/(templates|search))/?");

    @Inject
    ApiKeyService apiKeys;

    @Inject
    ClientLimits limits;

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 1).handler(this::check);
    }

    /** The most bytes a request to this path may carry. */
    static long maxBytes(String path) {
        if (IDENTITY.matcher(path).matches() || SEARCH_BY_FACE.matcher(path).matches()) {
            return PHOTO_UPLOAD;
        }
        if (ATTENDEES.matcher(path).matches() || INTERNAL_IMAGES.matcher(path).matches()) {
            return PHOTO_JSON;
        }
        return SMALL_JSON;
    }

    private static boolean analysesAPhoto(String path) {
        return IDENTITY.matcher(path).matches() || SEARCH_BY_FACE.matcher(path).matches() || ATTENDEES.matcher(path).matches();
    }

    private void check(RoutingContext rc) {
        HttpMethod method = rc.request().method();
        if (method != HttpMethod.POST && method != HttpMethod.PUT && method != HttpMethod.PATCH) {
            rc.next();
            return;
        }
        String path = rc.normalizedPath();
        long max = maxBytes(path);
        String length = rc.request().getHeader("Content-Length");
        if (length != null) {
            long declared;
            try {
                declared = Long.parseLong(length.strip());
            } catch (NumberFormatException e) {
                declared = Long.MAX_VALUE;
            }
            if (declared > max) {
                refuse(rc, path, 413, "too_large", "the request body has " + length.strip() + " bytes; this endpoint accepts at most "
                        + max, null);
                return;
            }
        }
        if (analysesAPhoto(path)) {
            Optional<UUID> client = cachedClient(rc);
            if (client.isPresent() && limits.analysesExhausted(client.get())) {
                refuse(rc, path, 429, "too_many_concurrent_analyses",
                        "this client already has all its face analyses running; retry when one has finished", 1);
                return;
            }
        }
        rc.next();
    }

    /** The caller's client if its API key is fresh in the cache; empty otherwise (authentication decides later). */
    private Optional<UUID> cachedClient(RoutingContext rc) {
        String key = rc.request().getHeader(ApiKeyAuthenticationMechanism.HEADER);
        if (key == null) {
            key = ApiKeyAuthenticationMechanism.bearerApiKey(rc.request().getHeader("Authorization"));
        }
        if (key == null) {
            return Optional.empty();
        }
        try {
            return apiKeys.authenticateFromCache(key.strip()).map(ApiKeyService.AuthenticatedKey::clientId);
        } catch (RuntimeException invalid) {
            return Optional.empty();
        }
    }

    private void refuse(RoutingContext rc, String path, int status, String code, String detail, Integer retryAfter) {
        String requestId = rc.response().headers().get(RequestIds.HEADER);
        var response = rc.response().setStatusCode(status).putHeader("Connection", "close");
        if (retryAfter != null) {
            response.putHeader("Retry-After", String.valueOf(retryAfter));
        }
        if (IDENTITY.matcher(path).matches()) { // Securegate's shape for its endpoint
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("detail", detail);
            body.put("code", code);
            if (retryAfter != null) {
                body.put("retry_after", retryAfter);
            }
            response.putHeader("Content-Type", "application/json").end(Json.encode(body));
            return;
        }
        Map<String, Object> extensions = retryAfter == null ? Map.of() : Map.of("retry_after", retryAfter);
        Problem problem = new Problem(status, code, detail, path, requestId, extensions);
        response.putHeader("Content-Type", "application/problem+json").end(Json.encode(problem));
    }
}
