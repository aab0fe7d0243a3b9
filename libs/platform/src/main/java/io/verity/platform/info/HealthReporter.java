package io.verity.platform.info;

import io.agroal.api.AgroalDataSource;
import io.verity.platform.tenancy.ApiKeyService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Checks what a service needs to work: its database (with the schema version), the API-key cache, the storage of
 * biometric data (PostgreSQL-backed, so it shares the database's fate), and the other services it calls.
 */
@ApplicationScoped
public class HealthReporter {

    private static final Duration DEPENDENCY_TIMEOUT = Duration.ofSeconds(2);

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ApiKeyService apiKeys;

    @Inject
    ServiceConfig service;

    @ConfigProperty(name = "quarkus.application.version", defaultValue = "unknown")
    String version;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(DEPENDENCY_TIMEOUT).build();
    private final Instant started = Instant.now();

    public long uptimeSeconds() {
        return Duration.between(started, Instant.now()).toSeconds();
    }

    public HealthReport report() {
        Map<String, CompletableFuture<Map<String, Object>>> externalChecks = new TreeMap<>();
        service.dependencies().forEach((name, url) -> externalChecks.put(name, CompletableFuture.supplyAsync(() -> ping(url))));

        Map<String, Object> database = checkDatabase();
        boolean databaseOk = HealthReport.OK.equals(database.get("status"));
        Map<String, Object> cache = Map.of("status", HealthReport.OK, "api_keys_cached", apiKeys.cachedKeys());
        Map<String, Object> storage = Map.of("status", databaseOk ? HealthReport.OK : HealthReport.ERROR, "backend", "postgresql");

        Map<String, String> externalStatus = new LinkedHashMap<>();
        Map<String, Object> externalDetails = new LinkedHashMap<>();
        externalChecks.forEach((name, check) -> {
            Map<String, Object> result = check.join();
            externalStatus.put(name, (String) result.get("status"));
            externalDetails.put(name, result);
        });
        boolean externalOk = externalStatus.values().stream().allMatch(HealthReport.OK::equals);

        String status = !databaseOk ? HealthReport.ERROR : externalOk ? HealthReport.OK : HealthReport.DEGRADED;
        String error = !databaseOk ? "database: " + database.get("error")
                : externalOk ? null : "unreachable: " + String.join(", ", externalStatus.entrySet().stream()
                        .filter(e -> !HealthReport.OK.equals(e.getValue())).map(Map.Entry::getKey).toList());
        return new HealthReport(status, Instant.now(), uptimeSeconds(), version, service.environment(),
                new HealthReport.Checks((String) database.get("status"), (String) cache.get("status"),
                        (String) storage.get("status"), externalStatus),
                new HealthReport.Details(database, cache, storage, externalDetails), error);
    }

    private Map<String, Object> checkDatabase() {
        long start = System.nanoTime();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT max(version) FROM core.flyway_schema_history WHERE success")) {
            rs.next();
            return Map.of("status", HealthReport.OK, "schema_version", String.valueOf(rs.getString(1)),
                    "latency_ms", (System.nanoTime() - start) / 1_000_000);
        } catch (Exception e) {
            return Map.of("status", HealthReport.ERROR, "error", String.valueOf(e.getMessage()));
        }
    }

    private Map<String, Object> ping(String baseUrl) {
        long start = System.nanoTime();
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl).resolve("/q/health/ready"))
                    .timeout(DEPENDENCY_TIMEOUT).GET().build();
            int code = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            long ms = (System.nanoTime() - start) / 1_000_000;
            return code == 200
                    ? Map.of("status", HealthReport.OK, "url", baseUrl, "latency_ms", ms)
                    : Map.of("status", HealthReport.ERROR, "url", baseUrl, "error", "readiness answered HTTP " + code);
        } catch (Exception e) {
            return Map.of("status", HealthReport.ERROR, "url", baseUrl, "error", e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }
}
