package io.verity.sessions.sdk;


import io.verity.platform.error.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * SDK calls per session and per IP address, counted in one-minute windows in this replica's memory (a replica
 * count multiplies the limit; the gateway limits globally). Over the limit: 429 with Retry-After.
 */
@ApplicationScoped
public class RateLimiter {

    private record Window(long minute, AtomicInteger count) {
    }

    private static final int MAX_KEYS = 100_000;

    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final int perSession;
    private final int perIp;

    public RateLimiter(SdkSettings config) {
        this.perSession = config.callsPerSessionPerMinute();
        this.perIp = config.callsPerIpPerMinute();
    }

    public void acquire(String sessionId, String ip) {
        long minute = System.currentTimeMillis() / 60_000;
        if (windows.size() > MAX_KEYS) {
            windows.values().removeIf(w -> w.minute() < minute);
        }
        if (ip != null && count("ip:" + ip, minute) > perIp) {
            throw tooMany(minute, "this address");
        }
        if (sessionId != null && count("session:" + sessionId, minute) > perSession) {
            throw tooMany(minute, "this session");
        }
    }

    private int count(String key, long minute) {
        Window w = windows.compute(key, (k, old) -> old == null || old.minute() != minute
                ? new Window(minute, new AtomicInteger()) : old);
        return w.count().incrementAndGet();
    }

    private static ProblemException tooMany(long minute, String who) {
        long retry = Math.max(1, (minute + 1) * 60 - System.currentTimeMillis() / 1000);
        return new ProblemException(429, "rate_limited", "too many SDK calls from " + who + "; retry in " + retry + " s",
                Map.of("retry_after", retry));
    }
}
