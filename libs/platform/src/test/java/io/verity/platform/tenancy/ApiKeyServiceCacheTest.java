package io.verity.platform.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.security.AuthenticationFailedException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The API-key caches without a database: the loader stands in for the table, counting its reads. */
class ApiKeyServiceCacheTest {

    private final Map<String, ApiKeyService.CachedKey> table = new ConcurrentHashMap<>();
    private final AtomicInteger reads = new AtomicInteger();
    private ApiKeyService service;
    private ApiKeyCodec.GeneratedKey valid;

    @BeforeEach
    void setUp() {
        service = new ApiKeyService();
        service.config = () -> Duration.ofSeconds(30);
        service.loader = prefix -> {
            reads.incrementAndGet();
            return table.get(prefix);
        };
        valid = ApiKeyCodec.generate();
        table.put(valid.prefix(), new ApiKeyService.CachedKey(UUID.randomUUID(), UUID.randomUUID(), valid.hash(), true,
                false, Instant.now()));
    }

    private static String madeUp(int i) {
        String base32 = "abcdefghijklmnopqrstuvwxyz234567";
        StringBuilder prefix = new StringBuilder("vty_");
        for (int k = 0, n = i; k < 12; k++, n /= 32) {
            prefix.append(base32.charAt(n % 32));
        }
        return prefix + ".AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    }

    @Test
    void anUnknownKeyIsReadFromTheDatabaseOncePerTtl() {
        String key = madeUp(7);
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> service.authenticate(key)).isInstanceOf(AuthenticationFailedException.class);
        }
        assertThat(reads).hasValue(1);
        assertThatThrownBy(() -> service.authenticateFromCache(key)).isInstanceOf(AuthenticationFailedException.class);
    }

    @Test
    void aFloodOfMadeUpKeysDoesNotFlushTheKeysInUse() {
        service.authenticate(valid.key());
        int before = reads.get();
        for (int i = 0; i < 30_000; i++) {
            String key = madeUp(1000 + i);
            assertThatThrownBy(() -> service.authenticate(key)).isInstanceOf(AuthenticationFailedException.class);
        }
        assertThat(reads.get() - before).isEqualTo(30_000);
        reads.set(0);
        assertThat(service.authenticateFromCache(valid.key())).isPresent();
        assertThat(service.authenticate(valid.key()).prefix()).isEqualTo(valid.prefix());
        assertThat(reads).hasValue(0);
    }

    @Test
    void aCheckThatReadTheKeyBeforeTheRevocationCommittedCannotBringItBack() throws Exception {
        CountDownLatch readDone = new CountDownLatch(1);
        CountDownLatch revoked = new CountDownLatch(1);
        service.loader = prefix -> {
            ApiKeyService.CachedKey row = table.get(prefix); // read while the key is still usable
            readDone.countDown();
            try {
                revoked.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return row;
        };
        CompletableFuture<ApiKeyService.AuthenticatedKey> inFlight = CompletableFuture.supplyAsync(() -> service.authenticate(valid.key()));
        assertThat(readDone.await(5, TimeUnit.SECONDS)).isTrue();
        ApiKeyService.CachedKey row = table.get(valid.prefix());
        table.put(valid.prefix(), new ApiKeyService.CachedKey(row.keyId(), row.clientId(), row.hash(), false, false, Instant.now()));
        service.revokedHere(valid.prefix(), row.keyId(), row.clientId());
        revoked.countDown();
        assertThatThrownBy(inFlight::join).hasCauseInstanceOf(AuthenticationFailedException.class);
        assertThatThrownBy(() -> service.authenticate(valid.key())).isInstanceOf(AuthenticationFailedException.class);
        assertThatThrownBy(() -> service.authenticateFromCache(valid.key())).isInstanceOf(AuthenticationFailedException.class);
    }

    @Test
    void aWrongSecretWithAKnownPrefixIsRefused() {
        service.authenticate(valid.key());
        String forged = valid.prefix() + ".BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB";
        assertThatThrownBy(() -> service.authenticate(forged)).isInstanceOf(AuthenticationFailedException.class);
    }
}
