package io.verity.platform.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;

/** The outbox relay every service runs (see {@link OutboxRelay}). */
@ConfigMapping(prefix = "verity.outbox.relay")
public interface OutboxRelayConfig {

    /** Whether this service relays its outbox rows to webhook-service. */
    @WithDefault("true")
    boolean enabled();

    /** webhook-service's base URL ({@code VERITY_OUTBOX_RELAY_URL}); the intake is {@code /internal/v1/events}. */
    @WithDefault("http://127.0.0.1:8085")
    URI url();

    /** How often to look for new rows when there is nothing to send. */
    @WithDefault("500ms")
    Duration interval();

    /** The longest wait between tries while webhook-service cannot be reached (the backoff doubles up to this). */
    @WithDefault("30s")
    Duration maxBackoff();

    /** Rows per batch. */
    @WithDefault("100")
    int batchSize();

    /** Connect and answer timeout of one intake call. */
    @WithDefault("10s")
    Duration timeout();
}
