package io.verity.launcher;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import io.verity.schema.SchemaMigrator;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.ServerSocket;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code bin/verity bench webhooks}: starts its own PostgreSQL and webhook-service (the packaged jar, free ports,
 * so it neither needs nor disturbs a running suite), registers {@value #ENDPOINTS} local receivers as one client's
 * webhooks, then
 * {@value #EVENTS} events published to webhook-service's intake, so {@value #ENDPOINTS}×{@value #EVENTS} signed
 * deliveries, timed from the publish to the last receipt. The reference, in the same run, is a plain HTTP client
 * (the JDK's, keep-alive, {@value #CONCURRENCY} requests in flight like webhook-service's default max-in-flight)
 * posting the same bodies to the same receivers. Receivers acknowledge after {@code VERITY_BENCH_RECEIVER_MS}
 * (default {@value #DEFAULT_RECEIVER_MS} ms, a receiver that records the event before answering); 0 measures
 * webhook-service's own cost per delivery against bare loopback HTTP.
 */
final class WebhookBenchmark {

    static final int ENDPOINTS = 100;
    static final int EVENTS = 50;
    static final int WARMUP_EVENTS = 5;
    static final int CONCURRENCY = 128;
    static final int DEFAULT_RECEIVER_MS = 10;

    private final Path repository;
    private String webhookUrl;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicInteger received = new AtomicInteger();
    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private final int receiverMillis = Integer.parseInt(
            System.getenv().getOrDefault("VERITY_BENCH_RECEIVER_MS", Integer.toString(DEFAULT_RECEIVER_MS)));

    WebhookBenchmark(Path repository) {
        this.repository = repository;
    }

    int run() throws Exception {
        Path jar = ServiceSpec.ALL.stream().filter(spec -> spec.name().equals("webhook-service")).findFirst()
                .orElseThrow().runnableJar(repository);
        if (!Files.isRegularFile(jar)) {
            System.err.println("bench webhooks: " + jar + " is missing; build first (bin/verity build)");
            return 2;
        }
        Path work = Files.createTempDirectory("verity-bench-webhooks");
        SecureRandom random = new SecureRandom();
        String token = randomBase64(random, 32);
        String masterKey = randomBase64(random, 32);
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(work.resolve("pgdata"))
                .setServerConfig("fsync", "off").setServerConfig("max_connections", "100").start()) {
            String dbUrl = postgres.getJdbcUrl("postgres", "postgres");
            SchemaMigrator.migrate(dbUrl, "postgres", "");
            int port = freePort();
            webhookUrl = "http://127.0.0.1:" + port;
            Process service = startService(jar, work.resolve("webhook-service.log"), dbUrl, token, masterKey, port);
            try {
                return measure(dbUrl, token);
            } finally {
                service.destroy();
                if (!service.waitFor(20, TimeUnit.SECONDS)) {
                    service.destroyForcibly();
                }
            }
        }
    }

    private Process startService(Path jar, Path log, String dbUrl, String token, String masterKey, int port)
            throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-Dai.djl.offline=true", "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + port,
                "-Dquarkus.log.category.\"io.quarkus.http.access-log\".level=WARN", "-jar", jar.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("OPT_OUT_TRACKING", "true");
        env.put("VERITY_DB_URL", dbUrl);
        env.put("VERITY_DB_USER", "postgres");
        env.put("VERITY_DB_PASSWORD", "");
        env.put("VERITY_INTERNAL_TOKEN", token);
        env.put("VERITY_MASTER_KEY", masterKey);
        env.put("VERITY_ENVIRONMENT", "bench");
        env.put("VERITY_OUTBOUND_ALLOW_LIST", "localhost");
        Process process = builder.start();
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(webhookUrl + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    System.out.printf("webhook-service started (pid %d, port %d, log %s)%n", process.pid(), port, log);
                    Thread.sleep(3000); // let start-up compilation settle
                    return process;
                }
            } catch (IOException notYet) {
                // starting
            }
            Thread.sleep(200);
        }
        process.destroyForcibly();
        throw new IllegalStateException("webhook-service did not start; see " + log);
    }

    private int measure(String dbUrl, String token) throws Exception {
        UUID clientId = UUID.randomUUID();
        String apiKey;
        try (Connection db = DriverManager.getConnection(dbUrl, "postgres", "")) {
            Database.insertClient(db, clientId, "bench-webhooks-" + clientId);
            apiKey = Database.insertKey(db, clientId, "bench");
        }
        ExecutorService handlers = Executors.newVirtualThreadPerTaskExecutor();
        List<HttpServer> receivers = new ArrayList<>();
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < ENDPOINTS; i++) {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
            server.setExecutor(handlers);
            server.createContext("/hook", exchange -> {
                try (exchange) {
                    exchange.getRequestBody().readAllBytes();
                    if (receiverMillis > 0) {
                        Thread.sleep(receiverMillis);
                    }
                    String id = exchange.getRequestHeaders().getFirst("webhook-id");
                    if (id == null || seen.add(id + "@" + exchange.getLocalAddress().getPort())) {
                        received.incrementAndGet(); // duplicates of a signed delivery are not counted twice
                    }
                    exchange.sendResponseHeaders(204, -1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            server.start();
            receivers.add(server);
            // "localhost": the suite's outbound allow-list opens it (127.0.0.1 itself stays refused)
            urls.add("http://localhost:" + server.getAddress().getPort() + "/hook");
        }
        try {
            for (String url : urls) {
                post(webhookUrl + "/webhooks", "{\"name\":\"bench\",\"url\":\"" + url + "\"}", "x-api-key", apiKey, null);
            }
            System.out.printf("%d receivers registered as webhooks; receivers answer after %d ms; %d events → %,d deliveries%n",
                    ENDPOINTS, receiverMillis, EVENTS, ENDPOINTS * EVENTS);

            // warm-up of both paths (JIT, connections, data keys), not measured
            List<String> warmup = events(WARMUP_EVENTS);
            deliver(token, clientId, warmup);
            plain(urls, warmup);

            List<String> bodies = events(EVENTS);
            double service = deliver(token, clientId, bodies);
            double reference = plain(urls, bodies);
            int deliveries = ENDPOINTS * EVENTS;
            System.out.printf("webhook-service: %,d signed deliveries in %.2f s (%.0f/s), from intake to the last receipt%n",
                    deliveries, service, deliveries / service);
            System.out.printf("plain HTTP client: %,d posts in %.2f s (%.0f/s), %d in flight%n",
                    deliveries, reference, deliveries / reference, CONCURRENCY);
            System.out.printf("delivery_overhead_ratio=%.2f deliveries_per_s=%.0f%n", service / reference, deliveries / service);
            return 0;
        } finally {
            receivers.forEach(server -> server.stop(0));
            handlers.shutdownNow();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String randomBase64(SecureRandom random, int bytes) {
        byte[] raw = new byte[bytes];
        random.nextBytes(raw);
        return Base64.getEncoder().encodeToString(raw);
    }

    /** Event bodies as the outbox relay sends them (one JSON object each, without the surrounding list). */
    private static List<String> events(int count) {
        List<String> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            UUID session = UUID.randomUUID();
            events.add("{\"id\":\"" + UUID.randomUUID() + "\",\"type\":\"idv.session.completed\",\"occurred_at\":\""
                    + OffsetDateTime.now() + "\",\"source_service\":\"idv-service\",\"aggregate_type\":\"idv_session\","
                    + "\"aggregate_id\":\"" + session + "\",\"data\":{\"session_id\":\"" + session
                    + "\",\"status\":\"completed\",\"verified\":true,\"score\":0.92}}");
        }
        return events;
    }

    /** Publishes the events to the intake; seconds until every delivery reached its receiver. */
    private double deliver(String token, UUID clientId, List<String> events) throws Exception {
        int target = received.get() + ENDPOINTS * events.size();
        long start = System.nanoTime();
        post(webhookUrl + "/internal/v1/events", "{\"events\":[" + String.join(",", events) + "]}",
                "x-internal-token", token, clientId);
        long deadline = start + Duration.ofMinutes(5).toNanos();
        while (received.get() < target) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + received.get() + " of " + target + " deliveries arrived in 5 minutes");
            }
            Thread.sleep(2);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** The same bodies to the same receivers by a plain client; seconds until all were answered. */
    private double plain(List<String> urls, List<String> events) throws Exception {
        Semaphore inFlight = new Semaphore(CONCURRENCY);
        AtomicInteger failures = new AtomicInteger();
        long start = System.nanoTime();
        try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
            for (String body : events) {
                for (String url : urls) {
                    inFlight.acquire();
                    senders.execute(() -> {
                        try {
                            HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(URI.create(url))
                                    .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                                    HttpResponse.BodyHandlers.discarding());
                            if (answer.statusCode() / 100 != 2) {
                                failures.incrementAndGet();
                            }
                        } catch (IOException | InterruptedException e) {
                            failures.incrementAndGet();
                        } finally {
                            inFlight.release();
                        }
                    });
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " plain posts failed");
        }
        return seconds;
    }

    private void post(String url, String body, String header, String value, UUID clientId) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .header(header, value).timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString(body));
        if (clientId != null) {
            request.header("x-verity-client-id", clientId.toString());
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("POST " + url + " answered " + response.statusCode() + ": " + response.body());
        }
    }
}
