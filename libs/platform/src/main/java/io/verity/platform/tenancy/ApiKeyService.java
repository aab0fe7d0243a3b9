package io.verity.platform.tenancy;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.AuthenticationFailedException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Issues, revokes and checks API keys. A check is served from a short cache keyed by the public prefix
 * ({@code verity.api-keys.cache-ttl}, 30 s by default): a key revoked through another replica or service
 * is refused once its entry expires; a key revoked through this instance is refused at once.
 */
@ApplicationScoped
public class ApiKeyService {

    private static final Logger LOG = Logger.getLogger(ApiKeyService.class);
    private static final int MAX_CACHED_KEYS = 10_000;

    /** What a successful check tells the caller. */
    public record AuthenticatedKey(UUID keyId, UUID clientId, String prefix) {
    }

    /** A key as issued: {@code key} is the only time the secret is ever returned. */
    public record IssuedKey(UUID id, UUID clientId, String name, String prefix, String key, OffsetDateTime createdAt) {
    }

    private record CachedKey(UUID keyId, UUID clientId, byte[] hash, boolean usable, Instant loadedAt) {
    }

    private final Map<String, CachedKey> cache = new ConcurrentHashMap<>();

    @Inject
    ApiKeysConfig config;

    Clock clock = Clock.systemUTC();

    @Transactional
    public IssuedKey issue(UUID clientId, String name) {
        ApiKeyCodec.GeneratedKey generated = ApiKeyCodec.generate();
        ApiKey key = new ApiKey();
        key.id = UUID.randomUUID();
        key.clientId = clientId;
        key.name = name;
        key.prefix = generated.prefix();
        key.keyHash = generated.hash();
        key.createdAt = OffsetDateTime.now(clock);
        key.persist();
        LOG.infof("issued API key %s (%s) for client %s", key.prefix, name, clientId);
        return new IssuedKey(key.id, clientId, name, key.prefix, generated.key(), key.createdAt);
    }

    /** Revokes a key of the given client; false when that client has no such key. Idempotent. */
    @Transactional
    public boolean revoke(UUID clientId, UUID keyId) {
        return ApiKey.ofClient(clientId, keyId).map(key -> {
            if (!key.revoked()) {
                key.revokedAt = OffsetDateTime.now(clock);
                LOG.infof("revoked API key %s of client %s", key.prefix, clientId);
            }
            cache.remove(key.prefix);
            return true;
        }).orElse(false);
    }

    /** The key's owner, or {@link AuthenticationFailedException} for a malformed, unknown, revoked or disabled key. */
    public AuthenticatedKey authenticate(String presented) {
        return authenticateFromCache(presented).orElseGet(() -> {
            String prefix = prefixOf(presented);
            CachedKey loaded = QuarkusTransaction.requiringNew().call(() -> load(prefix));
            if (cache.size() >= MAX_CACHED_KEYS) {
                cache.clear(); // unknown prefixes are cached too: keep a flood of made-up keys from growing the map
            }
            cache.put(prefix, loaded);
            return checked(presented, prefix, loaded);
        });
    }

    /**
     * The key's owner if the cache can answer without the database (a fresh entry), else empty: callers on an event
     * loop use this first and go to a worker thread for {@link #authenticate} only on a miss.
     */
    public java.util.Optional<AuthenticatedKey> authenticateFromCache(String presented) {
        String prefix = prefixOf(presented);
        CachedKey cached = cache.get(prefix);
        if (cached == null || cached.loadedAt.plus(config.cacheTtl()).isBefore(clock.instant())) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(checked(presented, prefix, cached));
    }

    private static String prefixOf(String presented) {
        return ApiKeyCodec.prefixOf(presented).orElseThrow(() -> new AuthenticationFailedException("the API key is not valid"));
    }

    private static AuthenticatedKey checked(String presented, String prefix, CachedKey key) {
        if (!key.usable || !ApiKeyCodec.matches(presented, key.hash)) {
            throw new AuthenticationFailedException("the API key is not valid");
        }
        return new AuthenticatedKey(key.keyId, key.clientId, prefix);
    }

    /** How many keys the cache holds (reported by the health endpoint). */
    public int cachedKeys() {
        return cache.size();
    }

    private CachedKey load(String prefix) {
        ApiKey key = ApiKey.byPrefix(prefix).orElse(null);
        if (key == null) {
            return new CachedKey(null, null, new byte[32], false, clock.instant());
        }
        Client client = Client.findById(key.clientId);
        boolean usable = !key.revoked() && client != null && client.active();
        if (usable) {
            key.lastUsedAt = OffsetDateTime.now(clock);
        }
        return new CachedKey(key.id, key.clientId, key.keyHash, usable, clock.instant());
    }
}
