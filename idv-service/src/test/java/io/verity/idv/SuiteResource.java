package io.verity.idv;

import io.verity.testsupport.ServicesResource;
import java.util.List;
import java.util.Map;

/**
 * The migrated PostgreSQL plus the real services idv-service calls, on the same database: weights-service (weights and
 * requirements) and identity-service (the matcher, with its real face models). idv-service's pom lists both as test
 * dependencies of type pom, so the reactor builds their jars first.
 */
public class SuiteResource extends ServicesResource {

    /** identity-service's address, for tests that call the matcher directly (search-by-face). */
    static volatile String matcherUrl;
    /** The database this suite started, for a resource that starts more services on it (ConsoleResource). */
    static volatile Map<String, String> database;

    public SuiteResource() {
        super("idv-service");
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = super.start();
        int weightsPort = freePort();
        int matcherPort = freePort();
        Process weights = launch("weights-service", "weights-service", weightsPort, "256m", List.of());
        Process matcher = launch("identity-service", "identity-service", matcherPort, "1g", MATCHER_JVM);
        awaitReady("weights-service", weights, weightsPort);
        awaitReady("identity-service", matcher, matcherPort);
        matcherUrl = "http://127.0.0.1:" + matcherPort;
        database = databaseEnv();
        config.put("verity.weights.url", "http://127.0.0.1:" + weightsPort);
        config.put("verity.idv.matcher.url", matcherUrl);
        return config;
    }
}
