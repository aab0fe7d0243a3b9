package io.verity.platform.tenancy;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.AuthenticationFailedException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Issues, revokes and checks API keys. A check is served from a short cache keyed by the public prefix
 * ({@code verity.api-keys.cache-ttl}, 30 s by default): a key revoked through another replica or service
 * is refused once its entry expires; a key revoked through this instance is refused at once.
 *
 * <p>Two bounded caches: known keys, and prefixes that name no key (a negative cache, so a repeated made-up key costs
 * one database read per TTL). They are separate and size-bounded with frequency-aware eviction (Caffeine), so a flood
 * of made-up prefixes evicts only other made-up prefixes, never flushes the keys in use. A revocation leaves a
 * tombstone that a check which read the database before the revocation committed cannot overwrite.
 */
@ApplicationScoped
public class ApiKeyService {

    private static final Logger LOG = Logger.getLogger(ApiKeyService.class);
    static final int MAX_CACHED_KEYS = 10_000;
    static final int MAX_UNKNOWN_PREFIXES = 100_000;

    /** What a successful check tells the caller. */
    public record AuthenticatedKey(UUID keyId, UUID clientId, String prefix) {
    }

    /** A key as issued: {@code key} is the only time the secret is ever returned. */
    public record IssuedKey(UUID id, UUID clientId, String name, String prefix, String key, OffsetDateTime createdAt) {
    }

    /** A key as read from the database at {@code readAt} (or, when {@code revoked}, as revoked by this instance then). */
    record CachedKey(UUID keyId, UUID clientId, byte[] hash, boolean usable, boolean revoked, Instant readAt) {
    }

    private final Cache<String, CachedKey> known = Caffeine.newBuilder().maximumSize(MAX_CACHED_KEYS)
            .executor(Runnable::run).build();
    private final Cache<String, Instant> unknown = Caffeine.newBuilder().maximumSize(MAX_UNKNOWN_PREFIXES)
            .executor(Runnable::run).build();

    @Inject
    ApiKeysConfig config;

    Clock clock = Clock.systemUTC();

    /** Reads a prefix from the database: null when no key has it. Replaced in unit tests. */
    Function<String, CachedKey> loader = prefix -> QuarkusTransaction.requiringNew().call(() -> load(prefix));

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
        unknown.invalidate(key.prefix);
        LOG.infof("issued API key %s (%s) for client %s", key.prefix, name, clientId);
        return new IssuedKey(key.id, clientId, name, key.prefix, generated.key(), key.createdAt);
    }

    /**
     * Revokes a key of the given client; false when that client has no such key. Idempotent. The revocation is
     * committed first, then recorded in this instance's cache, so no check still running can bring the key back.
     */
    public boolean revoke(UUID clientId, UUID keyId) {
        Optional<ApiKey> revoked = QuarkusTransaction.requiringNew().call(() -> ApiKey.ofClient(clientId, keyId).map(key -> {
            if (!key.revoked()) {
                key.revokedAt = OffsetDateTime.now(clock);
                LOG.infof("revoked API key %s of client %s", key.prefix, clientId);
            }
            return key;
        }));
        revoked.ifPresent(key -> revokedHere(key.prefix, key.id, key.clientId));
        return revoked.isPresent();
    }

    /** Records a committed revocation: a tombstone, newer than any database read that could still be in flight. */
    void revokedHere(String prefix, UUID keyId, UUID clientId) {
        known.put(prefix, new CachedKey(keyId, clientId, new byte[32], false, true, clock.instant()));
    }

    /** The key's owner, or {@link AuthenticationFailedException} for a malformed, unknown, revoked or disabled key. */
    public AuthenticatedKey authenticate(String presented) {
        String prefix = prefixOf(presented);
        Optional<AuthenticatedKey> cached = fromCache(presented, prefix);
        if (cached.isPresent()) {
            return cached.get();
        }
        Instant started = clock.instant();
        CachedKey loaded = loader.apply(prefix);
        if (loaded == null) {
            unknown.put(prefix, started);
            throw invalid();
        }
        CachedKey read = new CachedKey(loaded.keyId, loaded.clientId, loaded.hash, loaded.usable, false, started);
        // A revocation recorded after this read began wins: the read may predate the revocation's commit.
        CachedKey kept = known.asMap().compute(prefix, (k, old) ->
                old != null && old.revoked && !started.isAfter(old.readAt) ? old : read);
        return checked(presented, prefix, kept);
    }

    /**
     * The key's owner if the cache can answer without the database (a fresh entry), else empty: callers on an event
     * loop use this first and go to a worker thread for {@link #authenticate} only on a miss.
     */
    public Optional<AuthenticatedKey> authenticateFromCache(String presented) {
        return fromCache(presented, prefixOf(presented));
    }

    private Optional<AuthenticatedKey> fromCache(String presented, String prefix) {
        CachedKey cached = known.getIfPresent(prefix);
        if (cached != null && fresh(cached.readAt)) {
            return Optional.of(checked(presented, prefix, cached));
        }
        Instant missing = unknown.getIfPresent(prefix);
        if (missing != null && fresh(missing)) {
            throw invalid();
        }
        return Optional.empty();
    }

    private boolean fresh(Instant readAt) {
        return !readAt.plus(config.cacheTtl()).isBefore(clock.instant());
    }

    private static String prefixOf(String presented) {
        return ApiKeyCodec.prefixOf(presented).orElseThrow(ApiKeyService::invalid);
    }

    private static AuthenticationFailedException invalid() {
        return new AuthenticationFailedException("the API key is not valid");
    }

    private static AuthenticatedKey checked(String presented, String prefix, CachedKey key) {
        if (!key.usable || !ApiKeyCodec.matches(presented, key.hash)) {
            throw invalid();
        }
        return new AuthenticatedKey(key.keyId, key.clientId, prefix);
    }

    /** How many known keys the cache holds (reported to administrators by the health endpoint). */
    public long cachedKeys() {
        return known.estimatedSize();
    }

    private CachedKey load(String prefix) {
        ApiKey key = ApiKey.byPrefix(prefix).orElse(null);
        if (key == null) {
            return null;
        }
        Client client = Client.findById(key.clientId);
        boolean usable = !key.revoked() && client != null && client.active();
        if (usable) {
            key.lastUsedAt = OffsetDateTime.now(clock);
        }
        return new CachedKey(key.id, key.clientId, key.keyHash, usable, false, clock.instant());
    }
}
