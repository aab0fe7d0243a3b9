package io.verity.idv;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.verity.sessions.blobs.StorageSettings;
import io.verity.sessions.blobs.BlobStore;
import io.verity.sessions.blobs.PostgresBlobStore;
import io.verity.sessions.blobs.S3BlobStore;
import io.verity.testsupport.TestTenants;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.net.URI;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Supplier;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Both blob-store backends pass the same tests: PostgreSQL, and S3 against S3Proxy (an S3-compatible server started
 * in this JVM, with jclouds' in-memory store behind it and AWS signature checks on).
 */
@QuarkusTest
class BlobStoreTest {

    private static S3Proxy proxy;
    private static BlobStoreContext context;

    @Inject
    EntityManager entityManager;

    @Inject
    TestTenants tenants;

    @BeforeAll
    static void startS3() throws Exception {
        context = ContextBuilder.newBuilder("transient").credentials("verity", "verity-secret")
                .overrides(new Properties()).build(BlobStoreContext.class);
        proxy = S3Proxy.builder().blobStore(context.getBlobStore()).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, "test-access", "test-secret").build();
        proxy.start();
        while (!proxy.getState().equals("STARTED")) {
            Thread.sleep(20);
        }
    }

    @AfterAll
    static void stopS3() throws Exception {
        proxy.stop();
        context.close();
    }

    @Test
    void postgres() {
        contract(new PostgresBlobStore(entityManager), true);
    }

    @Test
    void s3() {
        try (S3BlobStore store = new S3BlobStore(s3Config("http://127.0.0.1:" + proxy.getPort()))) {
            contract(store, false);
        }
    }

    private void contract(BlobStore store, boolean transactional) {
        UUID owner = tenants.create("blobs").clientId();
        UUID other = tenants.create("blobs-other").clientId();
        String key = "idv/test/" + UUID.randomUUID();
        byte[] data = new byte[300_000];
        new java.util.Random(7).nextBytes(data);
        run(transactional, () -> {
            store.put(owner, key, data);
            return null;
        });
        assertThat(run(transactional, () -> store.get(owner, key))).hasValueSatisfying(b -> assertThat(b).isEqualTo(data));
        assertThat(run(transactional, () -> store.get(other, key))).isEmpty();
        assertThat(run(transactional, () -> store.get(owner, key + "-missing"))).isEmpty();
        run(transactional, () -> {
            store.delete(other, key); // another client's delete touches nothing
            return null;
        });
        assertThat(run(transactional, () -> store.get(owner, key))).isPresent();
        run(transactional, () -> {
            store.delete(owner, key);
            return null;
        });
        assertThat(run(transactional, () -> store.get(owner, key))).isEqualTo(Optional.empty());
        assertThat(run(transactional, store::reachable)).isTrue();
    }

    private static <T> T run(boolean transactional, Supplier<T> work) {
        return transactional ? QuarkusTransaction.requiringNew().call(work::get) : work.get();
    }

    private static StorageSettings.S3 s3Config(String endpoint) {
        return new StorageSettings.S3() {
            @Override
            public Optional<String> endpoint() {
                return Optional.of(endpoint);
            }

            @Override
            public String region() {
                return "us-east-1";
            }

            @Override
            public String bucket() {
                return "verity-test";
            }

            @Override
            public Optional<String> accessKeyId() {
                return Optional.of("test-access");
            }

            @Override
            public Optional<String> secretAccessKey() {
                return Optional.of("test-secret");
            }

            @Override
            public boolean pathStyle() {
                return true;
            }
        };
    }
}
