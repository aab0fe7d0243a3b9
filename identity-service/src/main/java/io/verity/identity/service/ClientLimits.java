package io.verity.identity.service;

import io.verity.identity.config.FaceConfig;
import io.verity.platform.error.TooManyRequestsException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * Each client's share of the matcher: at most {@code verity.face.max-concurrent-analyses-per-client} analyses and
 * {@code verity.face.max-concurrent-fetches-per-client} {@code image_url} fetches at once. A client at its limit is
 * answered 429 with {@code Retry-After} at once (it does not queue for the shared slots), so one client's flood never
 * holds more than its share of the shared analysis slots and workers while the others keep their latency.
 */
@ApplicationScoped
public class ClientLimits {

    /** A held permit; closing it gives it back. */
    public interface Permit extends AutoCloseable {
        @Override
        void close();
    }

    private final Map<UUID, Semaphore> analyses = new ConcurrentHashMap<>();
    private final Map<UUID, Semaphore> fetches = new ConcurrentHashMap<>();

    @Inject
    FaceConfig config;

    public Permit analysis(UUID clientId) {
        return acquire(analyses, clientId, config.maxConcurrentAnalysesPerClient(), "analyses",
                "this client already has %d face analyses running; retry when one has finished");
    }

    public Permit fetch(UUID clientId) {
        return acquire(fetches, clientId, config.maxConcurrentFetchesPerClient(), "fetches",
                "this client already has %d image_url fetches running; retry when one has finished");
    }

    /** Whether the client has every analysis permit in use now (checked before a request body is read). */
    public boolean analysesExhausted(UUID clientId) {
        Semaphore s = analyses.get(clientId);
        return s != null && s.availablePermits() == 0;
    }

    private static Permit acquire(Map<UUID, Semaphore> permits, UUID clientId, int limit, String what, String message) {
        Semaphore semaphore = permits.computeIfAbsent(clientId, id -> new Semaphore(limit));
        if (!semaphore.tryAcquire()) {
            throw new TooManyRequestsException("too_many_concurrent_" + what, String.format(message, limit), 1);
        }
        return semaphore::release;
    }
}
