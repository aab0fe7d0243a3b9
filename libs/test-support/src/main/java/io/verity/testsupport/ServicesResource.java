package io.verity.testsupport;

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
import java.util.concurrent.TimeUnit;

/**
 * The migrated PostgreSQL plus real Verity services, each started from the quarkus-app jar the reactor built before
 * the module under test, all on that database with the test master key and internal token (the services share
 * {@code core.data_keys}, so they share the master key). A subclass starts the services it needs in
 * {@link #start()} after calling this one; {@link #stop()} ends them. Logs go to {@code target/<name>-for-<module>-tests.log}.
 */
public abstract class ServicesResource extends PostgresResource {

    /** The values of this library's microprofile-config.properties, given to the started services too. */
    public static final String MASTER_KEY = "dmVyaXR5LXRlc3QtbWFzdGVyLWtleS0zMi1ieXRlcyE=";
    public static final String INTERNAL_TOKEN = "test-internal-token";
    /** What identity-service's JVM needs: the Vector API for the index, native access for ONNX Runtime. */
    protected static final List<String> MATCHER_JVM = List.of("--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED");

    private static final Duration READY_WITHIN = Duration.ofSeconds(300);

    private final String module;
    private final List<Process> processes = new ArrayList<>();
    private Map<String, String> database;

    /** @param module the module under test, named in the build hint and the log file names */
    protected ServicesResource(String module) {
        this.module = module;
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        database = Map.of("VERITY_DB_URL", config.get("quarkus.datasource.jdbc.url"),
                "VERITY_DB_USER", config.get("quarkus.datasource.username"),
                "VERITY_DB_PASSWORD", config.get("quarkus.datasource.password"));
        return config;
    }

    /** Starts {@code service}'s jar as process {@code name} on {@code port}; wait for it with {@link #awaitReady}. */
    protected Process launch(String service, String name, int port, String heap, List<String> jvmArgs) {
        return launch(service, name, port, heap, jvmArgs, Map.of());
    }

    /** As {@link #launch(String, String, int, String, List)}, with more environment for the service. */
    protected Process launch(String service, String name, int port, String heap, List<String> jvmArgs, Map<String, String> extraEnv) {
        Path repository = Path.of(System.getProperty("verity.repository", "..")).toAbsolutePath().normalize();
        Path jar = repository.resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build the reactor with -am (./mvnw -pl " + module + " -am verify)");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, "-Dai.djl.offline=true", "-Dquarkus.http.port=" + port, "-Dquarkus.http.host=127.0.0.1"));
        command.addAll(jvmArgs);
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.redirectErrorStream(true).redirectOutput(log(name).toFile());
        Map<String, String> env = builder.environment();
        env.putAll(database);
        env.put("OPT_OUT_TRACKING", "true");
        env.put("VERITY_INTERNAL_TOKEN", INTERNAL_TOKEN);
        env.put("VERITY_MASTER_KEY", MASTER_KEY);
        env.put("VERITY_ENVIRONMENT", "test");
        env.putAll(extraEnv);
        try {
            Process process = builder.start();
            processes.add(process);
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /**
     * For a resource that adds services to a database another resource of the same test started (instead of
     * {@link #start()}): the services it launches use {@code databaseEnv}.
     */
    protected void attach(Map<String, String> databaseEnv) {
        database = Map.copyOf(databaseEnv);
    }

    /** The started database as the services' environment (VERITY_DB_URL, _USER, _PASSWORD). */
    public Map<String, String> databaseEnv() {
        return database;
    }

    /** Waits until {@code /q/health/ready} answers 200, failing at once if the process exits. */
    protected void awaitReady(String name, Process process, int port) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(READY_WITHIN);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log(name));
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
                throw new IllegalStateException("interrupted while waiting for " + name, e);
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + name, e);
            }
        }
        throw new IllegalStateException(name + " was not ready within " + READY_WITHIN.toSeconds() + " s; see " + log(name));
    }

    protected static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path log(String name) {
        return Path.of("target", name + "-for-" + module.replace("-service", "") + "-tests.log").toAbsolutePath();
    }

    @Override
    public void stop() {
        for (Process p : processes) {
            p.destroy();
        }
        for (Process p : processes) {
            try {
                if (!p.waitFor(20, TimeUnit.SECONDS)) {
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
