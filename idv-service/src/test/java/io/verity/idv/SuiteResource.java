package io.verity.idv;

import io.verity.testsupport.PostgresResource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The migrated PostgreSQL plus the real services idv-service calls, on the same database: weights-service (weights and
 * requirements) and identity-service (the matcher, with its real face models), each started from the quarkus-app
 * jar the reactor built before this module (idv-service's pom lists both as test dependencies of type pom).
 */
public class SuiteResource extends PostgresResource {

    /** The test master key of libs/test-support: the services share core.data_keys, so they share the master key. */
    static final String MASTER_KEY = "dmVyaXR5LXRlc3QtbWFzdGVyLWtleS0zMi1ieXRlcyE=";
    static final String INTERNAL_TOKEN = "test-internal-token";

    private final List<Process> processes = new ArrayList<>();

    /** identity-service's address, for tests that call the matcher directly (search-by-face). */
    static volatile String matcherUrl;

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        Path repository = Path.of(System.getProperty("verity.repository", "..")).toAbsolutePath().normalize();
        Map<String, String> db = Map.of("VERITY_DB_URL", config.get("quarkus.datasource.jdbc.url"),
                "VERITY_DB_USER", config.get("quarkus.datasource.username"),
                "VERITY_DB_PASSWORD", config.get("quarkus.datasource.password"));
        int weightsPort = freePort();
        int matcherPort = freePort();
        Process weights = launch(repository, "weights-service", weightsPort, db, "256m", List.of());
        Process matcher = launch(repository, "identity-service", matcherPort, db, "1g",
                List.of("--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"));
        awaitReady("weights-service", weights, weightsPort);
        awaitReady("identity-service", matcher, matcherPort);
        matcherUrl = "http://127.0.0.1:" + matcherPort;
        config.put("verity.weights.url", "http://127.0.0.1:" + weightsPort);
        config.put("verity.idv.matcher.url", matcherUrl);
        return config;
    }

    private Process launch(Path repository, String service, int port, Map<String, String> db, String heap, List<String> jvmArgs) {
        Path jar = repository.resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build the reactor with -am (./mvnw -pl idv-service -am verify)");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, "-Dai.djl.offline=true", "-Dquarkus.http.port=" + port, "-Dquarkus.http.host=127.0.0.1"));
        command.addAll(jvmArgs);
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command);
        Path log = Path.of("target", service + "-for-idv-tests.log").toAbsolutePath();
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.putAll(db);
        env.put("OPT_OUT_TRACKING", "true");
        env.put("VERITY_INTERNAL_TOKEN", INTERNAL_TOKEN);
        env.put("VERITY_MASTER_KEY", MASTER_KEY);
        env.put("VERITY_ENVIRONMENT", "test");
        try {
            Process process = builder.start();
            processes.add(process);
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + service, e);
        }
    }

    private static void awaitReady(String service, Process process, int port) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(240));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(service + " exited with " + process.exitValue() + "; see target/"
                        + service + "-for-idv-tests.log");
            }
            try {
                HttpResponse<Void> ready = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/q/health/ready")).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + service, e);
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + service, e);
            }
        }
        throw new IllegalStateException(service + " was not ready within 240 s; see target/" + service + "-for-idv-tests.log");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        for (Process p : processes) {
            p.destroy();
        }
        for (Process p : processes) {
            try {
                if (!p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            }
        }
        super.stop();
    }
}
