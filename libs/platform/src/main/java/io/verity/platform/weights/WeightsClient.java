package io.verity.platform.weights;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.verity.platform.security.InternalConfig;
import io.verity.platform.security.ServiceTokenFilter;
import io.verity.platform.security.ServiceTokens;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Reads the weights and requirements in force for a client (and one of its users) from weights-service, for the
 * other services. Calls the internal endpoints with the internal token on behalf of the client
 * (docs/adr/0004-weights-client-reads-internal-endpoints.md).
 *
 * <p>An answer is kept for {@code verity.weights.cache-ttl}; after that the next read asks again with
 * If-None-Match, and weights-service answers 304 while the same version is in force. When weights-service cannot be
 * reached, fails or refuses, reads throw {@link WeightsUnavailableException}: no stale or default numbers are used.
 *
 * <p>Reads are blocking: call them from worker threads, not from the event loop.
 */
@Singleton
public class WeightsClient {

    /** Counter of reads, tagged {@code kind} (weights, requirements) and {@code outcome} (see {@link Outcome}). */
    public static final String READS_METRIC = "verity.weights.client.reads";

    /** How a read was answered. */
    public enum Outcome {
        /** From the cache, without a request. */
        CACHED,
        /** weights-service confirmed the cached version (304). */
        NOT_MODIFIED,
        /** weights-service sent a version (200). */
        FETCHED,
        /** {@link WeightsUnavailableException}. */
        FAILED
    }

    /** Everything the client needs; {@link #of} reads it from the configuration. */
    public record Settings(URI url, Duration cacheTtl, Duration connectTimeout, Duration readTimeout, int attempts,
            Optional<String> internalToken) {

        public static Settings of(WeightsConfig weights, InternalConfig internal) {
            return new Settings(URI.create(weights.url()), weights.cacheTtl(), weights.connectTimeout(),
                    weights.readTimeout(), weights.attempts(), internal.token().filter(t -> !t.isBlank()));
        }
    }

    private static final Logger LOG = Logger.getLogger(WeightsClient.class);
    private static final int MAX_CACHED = 10_000;

    private record Key(String kind, UUID clientId, String userId, DocumentType type, String dataSource) {
    }

    private record Cached(Object value, String etag, Instant checkedAt) {
    }

    /** The audience of the ServiceAccount token weights-service accepts: its name. */
    static final String AUDIENCE = "weights-service";

    private final Settings settings;
    private final ServiceTokens serviceTokens;
    private final WeightsApi api;
    private final ObjectMapper json;
    private final MeterRegistry meters;
    private final Clock clock;
    private final Map<Key, Cached> cache = new ConcurrentHashMap<>();

    @Inject
    WeightsClient(WeightsConfig config, InternalConfig internal, ObjectMapper json, MeterRegistry meters) {
        this(Settings.of(config, internal), ServiceTokens.of(internal), json, meters, Clock.systemUTC());
    }

    public WeightsClient(Settings settings, ObjectMapper json, MeterRegistry meters, Clock clock) {
        this(settings, ServiceTokens.none(), json, meters, clock);
    }

    /** {@code tokens}: in Kubernetes, this service's ServiceAccount token for weights-service replaces the internal token. */
    public WeightsClient(Settings settings, ServiceTokens tokens, ObjectMapper json, MeterRegistry meters, Clock clock) {
        if (settings.attempts() < 1) {
            throw new IllegalArgumentException("verity.weights.attempts must be at least 1");
        }
        this.settings = settings;
        this.serviceTokens = tokens;
        this.api = QuarkusRestClientBuilder.newBuilder()
                .baseUri(settings.url())
                .connectTimeout(settings.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(settings.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .disableDefaultMapper(true)
                .register(new ServiceTokenFilter(tokens, AUDIENCE))
                .build(WeightsApi.class);
        // A value missing from an answer must fail the read, not become 0.
        this.json = json.copy()
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);
        this.meters = meters;
        this.clock = clock;
    }

    /** The weights in force for a user of the client, or for the client as a whole when {@code userId} is null. */
    public Weights weights(UUID clientId, String userId) {
        String token = token("weights");
        return read(new Key("weights", clientId, userId, null, null),
                etag -> api.weights(token, clientId.toString(), etag, userId),
                body -> json.treeToValue(body, Weights.class));
    }

    /** A version of the client's weights, as a session recorded its id; empty when the client has none of that id. */
    public Optional<Weights> weightsVersion(UUID clientId, UUID versionId) {
        String token = token("weights");
        try (Response response = send("weights",
                () -> api.weightsVersion(token, clientId.toString(), versionId.toString()))) {
            if (response.getStatus() == 404) {
                return Optional.empty();
            }
            Weights weights = parse("weights", response, body -> json.treeToValue(body, Weights.class));
            count("weights", Outcome.FETCHED);
            return Optional.of(weights);
        }
    }

    /** The requirements in force for a document type read from a data source (for example {@code unknown}). */
    public Requirements requirements(UUID clientId, String userId, DocumentType type, String dataSource) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(dataSource, "dataSource");
        String token = token("requirements");
        return read(new Key("requirements", clientId, userId, type, dataSource),
                etag -> api.requirements(token, clientId.toString(), etag, userId, type.wire(), dataSource),
                body -> {
                    JsonNode entries = body.path("requirements");
                    if (entries.size() != 1) {
                        throw new IOException("expected one entry in requirements, got " + entries.size());
                    }
                    Requirements requirements = json.treeToValue(entries.get(0), Requirements.class);
                    if (requirements.typeE() != type || !dataSource.equals(requirements.dataSourceE())) {
                        throw new IOException("the entry is for " + requirements.typeE() + "/"
                                + requirements.dataSourceE());
                    }
                    return requirements;
                });
    }

    @FunctionalInterface
    private interface Parser<T> {
        T parse(JsonNode body) throws IOException;
    }

    @SuppressWarnings("unchecked")
    private <T> T read(Key key, Function<String, Response> call, Parser<T> parser) {
        Cached cached = cache.get(key);
        Instant now = clock.instant();
        if (cached != null && now.isBefore(cached.checkedAt().plus(settings.cacheTtl()))) {
            count(key.kind(), Outcome.CACHED);
            return (T) cached.value();
        }
        try (Response response = send(key.kind(), () -> call.apply(cached == null ? null : cached.etag()))) {
            if (response.getStatus() == 304 && cached != null) {
                cache.put(key, new Cached(cached.value(), cached.etag(), now));
                count(key.kind(), Outcome.NOT_MODIFIED);
                return (T) cached.value();
            }
            T value = parse(key.kind(), response, parser);
            if (cache.size() >= MAX_CACHED) {
                cache.clear();
            }
            cache.put(key, new Cached(value, response.getHeaderString(HttpHeaders.ETAG), now));
            count(key.kind(), Outcome.FETCHED);
            return value;
        }
    }

    /** The answer, after up to {@code attempts} tries while nothing answers or a gateway reports the service down. */
    private Response send(String kind, Supplier<Response> call) {
        for (int attempt = 1; ; attempt++) {
            try {
                Response response = call.get();
                int status = response.getStatus();
                if ((status == 502 || status == 503 || status == 504) && attempt < settings.attempts()) {
                    response.close();
                } else {
                    return response;
                }
            } catch (ProcessingException e) {
                if (attempt >= settings.attempts()) {
                    count(kind, Outcome.FAILED);
                    throw new WeightsUnavailableException("weights-service at " + settings.url()
                            + " cannot be reached (" + attempt + " attempt(s)): " + rootMessage(e), 0, null, e);
                }
            }
            LOG.debugf("weights-service %s read failed, attempt %d of %d", kind, attempt, settings.attempts());
            pause(attempt);
        }
    }

    private <T> T parse(String kind, Response response, Parser<T> parser) {
        int status = response.getStatus();
        String body = response.hasEntity() ? response.readEntity(String.class) : "";
        if (status != 200) {
            count(kind, Outcome.FAILED);
            String code = problemCode(body);
            throw new WeightsUnavailableException("weights-service answered " + status + " to the " + kind + " read"
                    + (code == null ? "" : " (" + code + ")"), status, code, null);
        }
        try {
            return parser.parse(json.readTree(body));
        } catch (IOException | RuntimeException e) {
            count(kind, Outcome.FAILED);
            throw new WeightsUnavailableException("weights-service answered " + kind + " that cannot be read: "
                    + e.getMessage(), status, null, e);
        }
    }

    private String token(String kind) {
        if (settings.internalToken().isEmpty() && serviceTokens.configured()) {
            return null; // ServiceTokenFilter sends the ServiceAccount token
        }
        if (settings.internalToken().isEmpty()) {
            count(kind, Outcome.FAILED);
            throw new WeightsUnavailableException("verity.internal.token (VERITY_INTERNAL_TOKEN) is not set: "
                    + "weights-service cannot be called", 0, null, null);
        }
        return settings.internalToken().get();
    }

    private String problemCode(String body) {
        try {
            JsonNode code = json.readTree(body).path("code");
            return code.isTextual() ? code.textValue() : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private void count(String kind, Outcome outcome) {
        meters.counter(READS_METRIC, "kind", kind, "outcome", outcome.name().toLowerCase(Locale.ROOT)).increment();
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(100L * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WeightsUnavailableException("interrupted while waiting to retry weights-service", 0, null, e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
