package io.verity.launcher;

import java.nio.file.Path;
import java.util.List;

/**
 * One service of the suite as the launcher starts it. {@code VERITY_PORT_OFFSET} moves every port (8081 + offset, ...),
 * so that a second suite (another checkout's benchmark) can run beside the first.
 */
record ServiceSpec(String name, int port, String heap, List<String> jvmArgs) {

    static final int OFFSET = Integer.parseInt(System.getenv().getOrDefault("VERITY_PORT_OFFSET", "0"));

    static final List<ServiceSpec> ALL = List.of(
            // The matcher scans galleries with the Vector API.
            new ServiceSpec("identity-service", 8081, "2g", List.of("--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED")),
            new ServiceSpec("idv-service", 8082, "384m", List.of()),
            new ServiceSpec("ida-service", 8083, "384m", List.of()),
            new ServiceSpec("weights-service", 8084, "256m", List.of()),
            new ServiceSpec("webhook-service", 8085, "256m", List.of()));

    Path runnableJar(Path repository) {
        return repository.resolve(name).resolve("target/quarkus-app/quarkus-run.jar");
    }

    @Override
    public int port() {
        return port + OFFSET;
    }

    String url() {
        return "http://127.0.0.1:" + port();
    }
}
