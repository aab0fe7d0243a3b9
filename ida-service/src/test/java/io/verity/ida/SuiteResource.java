package io.verity.ida;

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
 * The migrated PostgreSQL plus the real services around ida-service, on the same database, each started from the
 * quarkus-app jar the reactor built before this module: weights-service, identity-service (the matcher, real face
 * models) twice (two replicas: erasure must reach every replica's galleries), and idv-service (people are verified
 * through it before they authenticate).
 */
public class SuiteResource extends PostgresResource {

    /** The test master key of libs/test-support: the services share core.data_keys, so they share the master key. */
    static final String MASTER_KEY = "dmVyaXR5LXRlc3QtbWFzdGVyLWtleS0zMi1ieXRlcyE=";
    static final String INTERNAL_TOKEN = "test-internal-token";

    private final List<Process> processes = new ArrayList<>();

    static volatile String matcherUrl;
    static volatile String secondReplicaUrl;
    static volatile String idvUrl;

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        Path repository = Path.of(System.getProperty("verity.repository", "..")).toAbsolutePath().normalize();
        Map<String, String> db = Map.of("VERITY_DB_URL", config.get("quarkus.datasource.jdbc.url"),
                "VERITY_DB_USER", config.get("quarkus.datasource.username"),
                "VERITY_DB_PASSWORD", config.get("quarkus.datasource.password"));
        int weightsPort = freePort();
        int matcherPort = freePort();
        int replicaPort = freePort();
        int idvPort = freePort();
        List<String> vector = List.of("--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED");
        Process weights = launch(repository, "weights-service", "weights-service", weightsPort, db, "256m", List.of());
        Process matcher = launch(repository, "identity-service", "identity-service", matcherPort, db, "1g", vector);
        Process replica = launch(repository, "identity-service", "identity-service-replica", replicaPort, db, "768m", vector);
        awaitReady("weights-service", weights, weightsPort);
        awaitReady("identity-service", matcher, matcherPort);
        matcherUrl = "http://127.0.0.1:" + matcherPort;
        List<String> idvArgs = List.of("-Dverity.weights.url=http://127.0.0.1:" + weightsPort,
                "-Dverity.idv.matcher.url=" + matcherUrl);
        Process idv = launch(repository, "idv-service", "idv-service", idvPort, db, "512m", idvArgs);
        awaitReady("idv-service", idv, idvPort);
        awaitReady("identity-service-replica", replica, replicaPort);
        secondReplicaUrl = "http://127.0.0.1:" + replicaPort;
        idvUrl = "http://127.0.0.1:" + idvPort;
        config.put("verity.weights.url", "http://127.0.0.1:" + weightsPort);
        config.put("verity.ida.matcher.url", matcherUrl);
        return config;
    }

    private Process launch(Path repository, String service, String name, int port, Map<String, String> db, String heap,
            List<String> jvmArgs) {
        Path jar = repository.resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build the reactor with -am (./mvnw -pl ida-service -am verify)");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, "-Dai.djl.offline=true", "-Dquarkus.http.port=" + port, "-Dquarkus.http.host=127.0.0.1",
                "-Dverity.outbox.relay.enabled=false"));
        command.addAll(jvmArgs);
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command);
        Path log = Path.of("target", name + "-for-ida-tests.log").toAbsolutePath();
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
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    private static void awaitReady(String service, Process process, int port) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(300));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(service + " exited with " + process.exitValue() + "; see target/"
                        + service + "-for-ida-tests.log");
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
        throw new IllegalStateException(service + " was not ready within 300 s; see target/" + service + "-for-ida-tests.log");
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
