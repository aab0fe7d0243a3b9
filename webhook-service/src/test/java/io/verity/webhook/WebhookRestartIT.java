package io.verity.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.verity.platform.outbox.OutboxRelay;
import io.verity.platform.tenancy.ApiKeyCodec;
import io.verity.schema.SchemaMigrator;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged webhook-service as a real process, stopped and killed while another service (an {@link OutboxRelay} in
 * this JVM, as idv-service runs it) publishes: no event is lost, and a duplicate carries the same webhook-id.
 */
class WebhookRestartIT {

    static final String TOKEN = "it-internal-token";
    static final String MASTER_KEY = "dmVyaXR5LXRlc3QtbWFzdGVyLWtleS0zMi1ieXRlcyE=";
    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration WAIT = Duration.ofSeconds(60);

    static EmbeddedPostgres postgres;
    static DataSource db;
    static String jdbcUrl;
    static Receiver receiver;
    static int port;
    static int starts;

    final HttpClient http = HttpClient.newHttpClient();
    Process service;
    OutboxRelay relay;

    @BeforeAll
    static void database() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
        jdbcUrl = postgres.getJdbcUrl("postgres", "postgres");
        SchemaMigrator.migrate(jdbcUrl, "postgres", "");
        db = postgres.getPostgresDatabase();
        receiver = new Receiver();
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
    }

    @AfterAll
    static void close() throws IOException {
        receiver.close();
        postgres.close();
    }

    @AfterEach
    void stopEverything() throws InterruptedException {
        if (relay != null) {
            relay.close();
        }
        if (service != null && service.isAlive()) {
            service.destroy();
            service.waitFor();
        }
    }

    @Test
    void stoppedWhileAServicePublishesThenStartedEveryEventArrives() throws Exception {
        startService();
        Tenant tenant = tenant();
        String secret = createEndpoint(tenant, "/stopped");
        service.destroy(); // SIGTERM: a rolling update, a scale-down
        assertThat(service.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

        relay = relay().start();
        List<UUID> published = new ArrayList<>();
        for (int batch = 0; batch < 3; batch++) {
            published.addAll(publish(tenant.clientId, 10));
            Thread.sleep(300); // the relay tries, and fails, meanwhile
        }
        assertThat(unpublished()).isEqualTo(30);
        assertThat(receiver.received("/stopped")).isEmpty();

        startService();
        Events.await(WAIT, "30 events at the receiver", () -> distinctIds("/stopped").size() == 30);
        assertThat(distinctIds("/stopped")).containsExactlyInAnyOrderElementsOf(
                published.stream().map(UUID::toString).toList());
        assertThat(StandardWebhooksVerifier.verify(receiver.received("/stopped").stream()
                .map(r -> new StandardWebhooksVerifier.Item(secret, r.standardHeaders(), r.body())).toList()))
                .containsOnlyNulls();
        Events.await(WAIT, "every outbox row marked published", () -> unpublished() == 0);
    }

    @Test
    void killedInTheMiddleOfDeliveriesNoEventIsLostAndDuplicatesShareTheWebhookId() throws Exception {
        startService();
        Tenant tenant = tenant();
        String secret = createEndpoint(tenant, "/killed");
        receiver.delay("/killed", Duration.ofMillis(250));
        relay = relay().start();
        List<UUID> published = publish(tenant.clientId, 40);

        Events.await(WAIT, "deliveries under way", () -> receiver.received("/killed").size() >= 6);
        service.destroyForcibly(); // SIGKILL, mid-delivery: leases held, requests in flight
        service.waitFor();
        int beforeKill = receiver.received("/killed").size();
        assertThat(beforeKill).isLessThan(40);

        startService();
        Events.await(WAIT, "all 40 events at the receiver", () -> distinctIds("/killed").size() == 40);
        List<Receiver.Request> got = receiver.received("/killed");
        assertThat(distinctIds("/killed")).containsExactlyInAnyOrderElementsOf(
                published.stream().map(UUID::toString).toList());
        // a duplicate is the same event: same webhook-id, same body
        Map<String, Set<String>> bodiesById = new HashMap<>();
        for (Receiver.Request r : got) {
            bodiesById.computeIfAbsent(r.header("webhook-id"), k -> new HashSet<>()).add(r.body());
            JsonNode body = JSON.readTree(r.body());
            assertThat(body.get("id").asText()).isEqualTo(r.header("webhook-id"));
        }
        assertThat(bodiesById.values()).allMatch(bodies -> bodies.size() == 1);
        assertThat(StandardWebhooksVerifier.verify(got.stream()
                .map(r -> new StandardWebhooksVerifier.Item(secret, r.standardHeaders(), r.body())).toList()))
                .containsOnlyNulls();
        System.out.printf("killed after %d requests; %d requests in all for 40 events (%d duplicates)%n",
                beforeKill, got.size(), got.size() - 40);
        Events.await(WAIT, "every delivery recorded as succeeded", () -> count(
                "SELECT count(*) FROM webhook.deliveries WHERE client_id = '" + tenant.clientId + "' AND status = 'succeeded'") == 40);
    }

    // --- the service process ---

    void startService() throws Exception {
        Path jar = Path.of("target/quarkus-app/quarkus-run.jar");
        assertThat(jar).as("the packaged service (mvn package)").exists();
        Path log = Path.of("target/it-webhook-service-" + (++starts) + ".log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-Dai.djl.offline=true", "-jar", jar.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("OPT_OUT_TRACKING", "true");
        env.put("VERITY_DB_URL", jdbcUrl);
        env.put("VERITY_DB_USER", "postgres");
        env.put("VERITY_DB_PASSWORD", "");
        env.put("VERITY_INTERNAL_TOKEN", TOKEN);
        env.put("VERITY_MASTER_KEY", MASTER_KEY);
        env.put("VERITY_OUTBOUND_ALLOW_LIST", "localhost");
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("VERITY_WEBHOOKS_RETRY_SCHEDULE", "200ms,400ms,800ms");
        env.put("VERITY_WEBHOOKS_LEASE", "3s");
        env.put("VERITY_OUTBOUND_TIMEOUT", "2s");
        service = builder.start();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // starting
            }
            if (!service.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("webhook-service did not start; see " + log.toAbsolutePath() + ":\n"
                        + String.join("\n", Files.readAllLines(log).stream().limit(80).toList()));
            }
            Thread.sleep(200);
        }
    }

    // --- another service publishing ---

    OutboxRelay relay() {
        return new OutboxRelay(db, "idv-service", new OutboxRelay.Settings(
                URI.create("http://127.0.0.1:" + port + "/internal/v1/events"), TOKEN, Duration.ofMillis(100),
                Duration.ofMillis(500), 25, Duration.ofSeconds(3)), JSON);
    }

    /** Writes events as idv-service does: outbox rows in a transaction. */
    List<UUID> publish(UUID clientId, int count) throws SQLException {
        List<UUID> ids = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement insert = c.prepareStatement("""
                INSERT INTO core.outbox (client_id, source_service, aggregate_type, aggregate_id, event_type, payload)
                VALUES (?, 'idv-service', 'idv_session', ?, 'idv.session.status_changed', ?::jsonb) RETURNING event_id""")) {
            c.setAutoCommit(false);
            for (int i = 0; i < count; i++) {
                String session = UUID.randomUUID().toString();
                insert.setObject(1, clientId);
                insert.setString(2, session);
                insert.setString(3, "{\"session_id\": \"" + session + "\", \"status\": \"documents_submitted\"}");
                try (ResultSet rs = insert.executeQuery()) {
                    rs.next();
                    ids.add(rs.getObject(1, UUID.class));
                }
            }
            c.commit();
        }
        return ids;
    }

    long unpublished() {
        return count("SELECT count(*) FROM core.outbox WHERE published_at IS NULL");
    }

    long count(String sql) {
        try (Connection c = db.getConnection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    Set<String> distinctIds(String path) {
        return receiver.received(path).stream().map(r -> r.header("webhook-id")).collect(Collectors.toSet());
    }

    // --- a client and its endpoint ---

    record Tenant(UUID clientId, String apiKey) {
    }

    Tenant tenant() throws SQLException {
        UUID id = UUID.randomUUID();
        ApiKeyCodec.GeneratedKey key = ApiKeyCodec.generate();
        try (Connection c = db.getConnection()) {
            try (PreparedStatement client = c.prepareStatement("INSERT INTO core.clients (id, name) VALUES (?, ?)")) {
                client.setObject(1, id);
                client.setString(2, "it-" + id);
                client.executeUpdate();
            }
            try (PreparedStatement apiKey = c.prepareStatement(
                    "INSERT INTO core.api_keys (id, client_id, name, prefix, key_hash) VALUES (?, ?, 'it', ?, ?)")) {
                apiKey.setObject(1, UUID.randomUUID());
                apiKey.setObject(2, id);
                apiKey.setString(3, key.prefix());
                apiKey.setBytes(4, key.hash());
                apiKey.executeUpdate();
            }
        }
        return new Tenant(id, key.key());
    }

    String createEndpoint(Tenant tenant, String path) throws Exception {
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks"))
                .header("x-api-key", tenant.apiKey).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("name", path, "url",
                        receiver.url(path))))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        return JSON.readTree(created.body()).get("secret").asText();
    }
}
