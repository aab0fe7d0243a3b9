package io.verity.ida;

import io.verity.testsupport.ServicesResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The migrated PostgreSQL plus the real services around ida-service, on the same database: weights-service,
 * identity-service (the matcher, real face models) twice (two replicas: erasure must reach every replica's galleries),
 * and idv-service (people are verified through it before they authenticate). Their outbox relays are off.
 */
public class SuiteResource extends ServicesResource {

    static volatile String matcherUrl;
    static volatile String secondReplicaUrl;
    static volatile String idvUrl;

    private static final List<String> NO_RELAY = List.of("-Dverity.outbox.relay.enabled=false");

    public SuiteResource() {
        super("ida-service");
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = super.start();
        int weightsPort = freePort();
        int matcherPort = freePort();
        int replicaPort = freePort();
        int idvPort = freePort();
        List<String> matcherJvm = with(NO_RELAY, MATCHER_JVM);
        Process weights = launch("weights-service", "weights-service", weightsPort, "256m", NO_RELAY);
        Process matcher = launch("identity-service", "identity-service", matcherPort, "1g", matcherJvm);
        Process replica = launch("identity-service", "identity-service-replica", replicaPort, "768m", matcherJvm);
        awaitReady("weights-service", weights, weightsPort);
        awaitReady("identity-service", matcher, matcherPort);
        matcherUrl = "http://127.0.0.1:" + matcherPort;
        Process idv = launch("idv-service", "idv-service", idvPort, "512m", with(NO_RELAY,
                List.of("-Dverity.weights.url=http://127.0.0.1:" + weightsPort, "-Dverity.idv.matcher.url=" + matcherUrl)));
        awaitReady("idv-service", idv, idvPort);
        awaitReady("identity-service-replica", replica, replicaPort);
        secondReplicaUrl = "http://127.0.0.1:" + replicaPort;
        idvUrl = "http://127.0.0.1:" + idvPort;
        config.put("verity.weights.url", "http://127.0.0.1:" + weightsPort);
        config.put("verity.ida.matcher.url", matcherUrl);
        return config;
    }

    private static List<String> with(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
