package io.verity.launcher;

import java.nio.file.Path;
import java.util.List;

/** One service of the suite as the launcher starts it. */
record ServiceSpec(String name, int port, String heap) {

    static final List<ServiceSpec> ALL = List.of(
            new ServiceSpec("identity-service", 8081, "1g"),
            new ServiceSpec("idv-service", 8082, "384m"),
            new ServiceSpec("ida-service", 8083, "384m"),
            new ServiceSpec("weights-service", 8084, "256m"),
            new ServiceSpec("webhook-service", 8085, "256m"));

    Path runnableJar(Path repository) {
        return repository.resolve(name).resolve("target/quarkus-app/quarkus-run.jar");
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }
}
