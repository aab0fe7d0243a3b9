package io.verity.sessions.sdk;


import io.verity.platform.error.ProblemException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * What every SDK call does around its work: read X-Client-Id, apply the rate limits, name the actor (the device's
 * address), and write a refused call into the session's history before answering the refusal.
 */
@ApplicationScoped
public class SdkCall {

    public static final String CLIENT_HEADER = "X-Client-Id";

    @Inject
    RateLimiter limiter;

    @Inject
    ClientAddresses addresses;

    @Inject
    SdkRefusals history;

    /** The caller as this call sees it. */
    public record Context(UUID clientId, UUID sessionId, String ip, String actor) {
    }

    public <T> T run(HttpServerRequest request, String clientHeader, String sessionIdText, String event, String endpoint,
            java.util.function.Function<Context, T> work) {
        UUID clientId = clientId(clientHeader);
        UUID sessionId = Ids.session(sessionIdText);
        String ip = addresses.resolve(request.remoteAddress() == null ? null : request.remoteAddress().hostAddress(),
                request.getHeader("X-Forwarded-For"));
        limiter.acquire(sessionId.toString(), ip);
        Context context = new Context(clientId, sessionId, ip, "sdk@" + ip);
        try {
            return work.apply(context);
        } catch (ProblemException e) {
            if (e.status() != 404 && e.status() != 429) {
                history.refused(clientId, sessionId, event, endpoint, context.actor(), e.code());
            }
            throw e;
        }
    }

    public static UUID clientId(String header) {
        if (header == null || header.isBlank()) {
            throw new ProblemException(400, "client_id_required", "the X-Client-Id header must name the session's client");
        }
        try {
            return UUID.fromString(header.strip());
        } catch (IllegalArgumentException e) {
            throw new ProblemException(400, "client_id_required", "X-Client-Id is not a client id");
        }
    }

    public static <T> T body(T body) {
        return ProblemException.requireBody(body);
    }

    public static Supplier<ProblemException> missing(String field) {
        return () -> ProblemException.invalidField(field, "is required");
    }
}
