package io.verity.weights;

import static io.verity.weights.WeightsResourceTest.MAP;
import static io.verity.weights.WeightsResourceTest.as;
import static io.verity.weights.WeightsResourceTest.weights;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.verity.platform.weights.DocumentType;
import io.verity.platform.weights.Requirements;
import io.verity.platform.weights.Weights;
import io.verity.platform.weights.WeightsClient;
import io.verity.platform.weights.WeightsClient.Outcome;
import io.verity.platform.weights.WeightsUnavailableException;
import io.verity.testsupport.TestTenants;
import io.verity.testsupport.TestTenants.Tenant;
import io.verity.weights.domain.SystemDefaults;
import jakarta.inject.Inject;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The consumers' client against this running weights-service, through the internal endpoints. */
@QuarkusTest
class WeightsClientTest {

    private static final Duration TTL = Duration.ofSeconds(10);
    private static final PropertyNamingStrategies.SnakeCaseStrategy SNAKE = new PropertyNamingStrategies.SnakeCaseStrategy();

    @TestHTTPResource("/")
    URI service;

    @Inject
    TestTenants tenants;

    @Inject
    ObjectMapper json;

    /** Built from the configuration, which in tests points it at an address where nothing listens. */
    @Inject
    WeightsClient configured;

    final MutableClock clock = new MutableClock();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    WeightsClient client(URI url, String token) {
        return new WeightsClient(new WeightsClient.Settings(url, TTL, Duration.ofSeconds(1), Duration.ofSeconds(3), 2,
                Optional.ofNullable(token)), json, meters, clock);
    }

    WeightsClient client() {
        return client(service, "test-internal-token");
    }

    double reads(String kind, Outcome outcome) {
        Counter counter = meters.find(WeightsClient.READS_METRIC)
                .tags("kind", kind, "outcome", outcome.name().toLowerCase(Locale.ROOT)).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void answersAreCachedThenRevalidatedWithTheirEntityTag() {
        Tenant tenant = tenants.create("client-cache");
        WeightsClient client = client();

        Weights first = client.weights(tenant.clientId(), null);
        assertThat(first.id().toString()).isEqualTo(as(tenant).get("/weights").path("id"));
        assertThat(first.onboardingFaceEncodingTolerance()).isEqualTo(SystemDefaults.FACE_ENCODING_TOLERANCE);
        assertThat(reads("weights", Outcome.FETCHED)).isEqualTo(1);

        assertThat(client.weights(tenant.clientId(), null)).isSameAs(first);
        assertThat(reads("weights", Outcome.CACHED)).isEqualTo(1);
        assertThat(reads("weights", Outcome.FETCHED)).isEqualTo(1);

        clock.advance(TTL.plusSeconds(1));
        assertThat(client.weights(tenant.clientId(), null)).isSameAs(first);
        assertThat(reads("weights", Outcome.NOT_MODIFIED)).isEqualTo(1);
        assertThat(reads("weights", Outcome.FETCHED)).isEqualTo(1);
        // The 304 renewed the entry.
        assertThat(client.weights(tenant.clientId(), null)).isSameAs(first);
        assertThat(reads("weights", Outcome.CACHED)).isEqualTo(2);

        String updated = (String) WeightsResourceTest.update(tenant, weights(0.5)).get("id");
        assertThat(client.weights(tenant.clientId(), null).id()).as("within the cache time").isEqualTo(first.id());
        clock.advance(TTL.plusSeconds(1));
        Weights second = client.weights(tenant.clientId(), null);
        assertThat(second.id().toString()).isEqualTo(updated);
        assertThat(second.onboardingFaceEncodingTolerance()).isEqualTo(0.5);
        assertThat(reads("weights", Outcome.FETCHED)).isEqualTo(2);
        assertThat(reads("weights", Outcome.NOT_MODIFIED)).isEqualTo(1);
    }

    @Test
    void usersAndDocumentTypesAreCachedApart() {
        Tenant tenant = tenants.create("client-keys");
        WeightsResourceTest.update(tenant, weights(0.3).put("user_id", "frank"));
        WeightsClient client = client();

        assertThat(client.weights(tenant.clientId(), "frank").ageWeight()).isEqualTo(0.3);
        assertThat(client.weights(tenant.clientId(), null).ageWeight()).isEqualTo(0.5);

        Requirements passport = client.requirements(tenant.clientId(), null, DocumentType.PASSPORT, "unknown");
        Requirements license = client.requirements(tenant.clientId(), null, DocumentType.DRIVER_LICENSE, "barcode");
        assertThat(passport.typeE()).isEqualTo(DocumentType.PASSPORT);
        assertThat(passport.streetRequired()).isFalse();
        assertThat(license.dataSourceE()).isEqualTo("barcode");
        assertThat(license.classRequired()).isTrue();
        assertThat(client.requirements(tenant.clientId(), null, DocumentType.PASSPORT, "unknown")).isSameAs(passport);
        assertThat(reads("requirements", Outcome.FETCHED)).isEqualTo(2);
        assertThat(reads("requirements", Outcome.CACHED)).isEqualTo(1);
    }

    @Test
    void everyFieldOfTheAnswerIsRead() throws Exception {
        Tenant tenant = tenants.create("client-fields");
        Map<String, Object> answered = WeightsResourceTest.update(tenant, weights(0.5).put("user_id", "gina")
                .put("age_tolerance", 33).put("direction_tolerance", 44).put("gender_weight", 0.125));
        Weights read = client().weights(tenant.clientId(), "gina");
        RecordComponent[] components = Weights.class.getRecordComponents();
        assertThat(components).extracting(c -> SNAKE.translate(c.getName()))
                .containsExactlyInAnyOrderElementsOf(answered.keySet());
        for (RecordComponent component : components) {
            Object value = component.getAccessor().invoke(read);
            Object expected = answered.get(SNAKE.translate(component.getName()));
            if (value instanceof java.time.OffsetDateTime time) {
                // JSON drops a trailing zero of the microseconds (…22.86514Z): compare the instants
                assertThat(time.toInstant()).as(component.getName())
                        .isEqualTo(java.time.OffsetDateTime.parse(String.valueOf(expected)).toInstant());
            } else {
                assertThat(String.valueOf(value)).as(component.getName()).isEqualTo(String.valueOf(expected));
            }
        }
    }

    @Test
    void pastVersionsAreReadByIdForTheirClientOnly() {
        Tenant owner = tenants.create("client-history");
        Tenant other = tenants.create("client-history-other");
        Map<String, Object> first = WeightsResourceTest.update(owner, weights(0.4));
        WeightsResourceTest.update(owner, weights(0.6));
        UUID firstId = UUID.fromString((String) first.get("id"));

        Weights past = client().weightsVersion(owner.clientId(), firstId).orElseThrow();
        assertThat(past.id()).isEqualTo(firstId);
        assertThat(past.idvSessionTolerance()).isEqualTo(0.4);
        assertThat(client().weightsVersion(other.clientId(), firstId)).isEmpty();
    }

    @Test
    void refusalsAreTypedFailures() {
        Tenant tenant = tenants.create("client-refused");
        assertThatThrownBy(() -> client(service, "wrong-token").weights(tenant.clientId(), null))
                .isInstanceOfSatisfying(WeightsUnavailableException.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.code()).isEqualTo("unauthenticated");
                });
        assertThatThrownBy(() -> client(service, null).weights(tenant.clientId(), null))
                .isInstanceOf(WeightsUnavailableException.class).hasMessageContaining("VERITY_INTERNAL_TOKEN");
        assertThatThrownBy(() -> client().weights(UUID.randomUUID(), null))
                .isInstanceOfSatisfying(WeightsUnavailableException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.code()).isEqualTo("not_found");
                });
        assertThat(reads("weights", Outcome.FAILED)).isEqualTo(3);
    }

    @Test
    void weightsServiceDownIsATypedFailure() {
        assertThatThrownBy(() -> configured.weights(UUID.randomUUID(), null))
                .isInstanceOfSatisfying(WeightsUnavailableException.class, e -> {
                    assertThat(e.status()).isZero();
                    assertThat(e.getMessage()).contains("cannot be reached", "2 attempt(s)");
                });
        assertThatThrownBy(() -> configured.requirements(UUID.randomUUID(), null, DocumentType.PASSPORT, "unknown"))
                .isInstanceOf(WeightsUnavailableException.class);
    }

    @Test
    void noStaleNumbersAreServedOnceWeightsServiceIsGone() throws Exception {
        Tenant tenant = tenants.create("client-gone");
        String body = as(tenant).get("/weights").asString();
        // A stand-in for weights-service that answers once, then goes away.
        HttpServer stub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        stub.createContext("/internal/v1/weights", exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.getResponseHeaders().add("ETag", "\"stub\"");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        stub.start();
        WeightsClient client = client(URI.create("http://127.0.0.1:" + stub.getAddress().getPort()), "token");
        Weights served = client.weights(tenant.clientId(), null);
        stub.stop(0);

        assertThat(client.weights(tenant.clientId(), null)).as("within the cache time").isSameAs(served);
        clock.advance(TTL.plusSeconds(1));
        assertThatThrownBy(() -> client.weights(tenant.clientId(), null))
                .isInstanceOf(WeightsUnavailableException.class);
        assertThat(as(tenant).get("/weights").as(MAP)).containsEntry("id", served.id().toString());
    }
}
