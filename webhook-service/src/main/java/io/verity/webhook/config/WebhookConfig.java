package io.verity.webhook.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;

/** Delivery settings of webhook-service; the retry schedule and why it is what it is: README.md. */
@ConfigMapping(prefix = "verity.webhooks")
public interface WebhookConfig {

    /**
     * Waits before the 2nd, 3rd, ... attempt, each stretched or shrunk by up to {@link #jitter()}. After the last one
     * the delivery has failed. The default spans about 3 days over 10 attempts.
     */
    @WithDefault("10s,1m,5m,30m,2h,6h,12h,24h,24h")
    List<Duration> retrySchedule();

    /** Random spread of each wait, as a fraction (0.2: ±20 %), so that receivers back from an outage are not stampeded. */
    @WithDefault("0.2")
    double jitter();

    /** An endpoint that has not accepted anything for this long is disabled (reason failing). */
    @WithDefault("3d")
    Duration disableAfter();

    /** Deliveries in flight to one endpoint at once (per replica, and across replicas as far as leases show). */
    @WithDefault("4")
    int perEndpointConcurrency();

    /** Deliveries in flight at once in this replica. */
    @WithDefault("128")
    int maxInFlight();

    /** How long a claimed delivery is this replica's; after that another replica may send it again. */
    @WithDefault("60s")
    Duration lease();

    /** How often to look for due deliveries when there is nothing to do (intake wakes this replica at once). */
    @WithDefault("250ms")
    Duration pollInterval();

    /** Whether this replica delivers (the API and the intake work without it). */
    @WithDefault("true")
    boolean deliver();

    /** Default grace period of a rotated secret: the previous secret still signs for this long. */
    @WithDefault("24h")
    Duration rotationGrace();

    /** How many characters of a receiver's answer are kept with the attempt. */
    @WithDefault("512")
    int responseExcerptChars();
}
