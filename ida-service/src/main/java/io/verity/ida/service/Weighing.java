package io.verity.ida.service;

import io.verity.platform.error.ProblemException;
import io.verity.platform.weights.Weights;
import io.verity.platform.weights.WeightsClient;
import io.verity.platform.weights.WeightsUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;
import org.jboss.logging.Logger;

/** The weights in force for a client's user; 503 weights_unavailable when weights-service cannot say (never defaults). */
@ApplicationScoped
public class Weighing {

    private static final Logger LOG = Logger.getLogger(Weighing.class);

    @Inject
    WeightsClient client;

    public Weights of(UUID clientId, String userId) {
        try {
            return client.weights(clientId, userId);
        } catch (WeightsUnavailableException e) {
            LOG.errorf("weights unavailable: %s", e.getMessage());
            throw new ProblemException(503, "weights_unavailable", "the client's weights cannot be read at the moment; retry later");
        }
    }
}
