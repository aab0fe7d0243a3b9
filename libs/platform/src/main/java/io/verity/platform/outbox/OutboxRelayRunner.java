package io.verity.platform.outbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.verity.platform.security.InternalConfig;
import io.verity.platform.security.ServiceTokens;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** Runs this service's {@link OutboxRelay} from start-up to shut-down, when enabled and an internal token is set. */
@ApplicationScoped
public class OutboxRelayRunner {

    private static final Logger LOG = Logger.getLogger(OutboxRelayRunner.class);

    @Inject
    OutboxRelayConfig config;

    @Inject
    InternalConfig internal;

    @Inject
    DataSource dataSource;

    @Inject
    ObjectMapper json;

    @ConfigProperty(name = "quarkus.application.name")
    String serviceName;

    private OutboxRelay relay;

    void start(@Observes StartupEvent started) {
        if (!config.enabled()) {
            return;
        }
        ServiceTokens tokens = ServiceTokens.of(internal);
        if (internal.token().isEmpty() && !tokens.configured()) {
            LOG.warn("outbox relay not started: neither VERITY_INTERNAL_TOKEN nor VERITY_SERVICE_TOKEN_DIR is set,"
                    + " so events stay in core.outbox");
            return;
        }
        relay = new OutboxRelay(dataSource, serviceName, new OutboxRelay.Settings(
                config.url().resolve("/internal/v1/events"), internal.token().orElse(""), config.interval(),
                config.maxBackoff(), config.batchSize(), config.timeout()), tokens, json).start();
        LOG.infof("outbox relay of %s to %s started", serviceName, config.url());
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (relay != null) {
            relay.close();
        }
    }

    /** Lets the relay look now, for example right after a transaction that wrote events committed. */
    public void nudge() {
        if (relay != null) {
            relay.nudge();
        }
    }
}
