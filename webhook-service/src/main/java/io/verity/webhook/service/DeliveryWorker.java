package io.verity.webhook.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.verity.platform.net.OutboundHttp;
import io.verity.platform.net.OutboundRefusedException;
import io.verity.platform.net.OutboundResponse;
import io.verity.webhook.config.WebhookConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jboss.logging.Logger;

/**
 * Sends due deliveries: one dispatcher thread claims them from {@link DeliveryStore} (every replica does the same,
 * sharing the rows through {@code FOR UPDATE SKIP LOCKED} and leases), and each claimed delivery is sent on a virtual
 * thread through {@link OutboundHttp} (SSRF-checked on every attempt, redirects not followed). In flight at once: at
 * most {@code max-in-flight} in this replica and {@code per-endpoint-concurrency} per endpoint, so one slow receiver
 * holds only its own slots.
 */
@ApplicationScoped
public class DeliveryWorker {

    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);
    /** Refusals that no retry can cure: the URL itself may not be called. */
    private static final Set<OutboundRefusedException.Reason> PERMANENT = Set.of(
            OutboundRefusedException.Reason.INVALID_URL, OutboundRefusedException.Reason.SCHEME_NOT_ALLOWED,
            OutboundRefusedException.Reason.USERINFO_NOT_ALLOWED, OutboundRefusedException.Reason.DESTINATION_NOT_ALLOWED);

    @Inject
    WebhookConfig config;

    @Inject
    DeliveryStore store;

    @Inject
    EndpointSecrets secrets;

    @Inject
    OutboundHttp outbound;

    @Inject
    MeterRegistry metrics;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    /** How long the dispatcher waits for a quarter of the slots to come free before it claims fewer. */
    private static final Duration GATHER = Duration.ofMillis(20);

    private final Map<UUID, DeliveryStore.Claimed> inFlight = new ConcurrentHashMap<>();
    private final java.util.concurrent.ConcurrentLinkedQueue<DeliveryStore.Finished> finished =
            new java.util.concurrent.ConcurrentLinkedQueue<>();
    private volatile boolean running;
    private volatile boolean woken;
    private RetrySchedule schedule;
    private Semaphore slots;
    private ExecutorService senders;
    private Thread dispatcher;
    private Thread recorder;
    private final Semaphore recorded = new Semaphore(0);

    void start(@Observes StartupEvent started) {
        schedule = new RetrySchedule(config.retrySchedule(), config.jitter());
        if (!config.deliver()) {
            LOG.info("this replica does not deliver webhooks (verity.webhooks.deliver=false)");
            return;
        }
        slots = new Semaphore(config.maxInFlight());
        senders = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("webhook-delivery-", 0).factory());
        running = true;
        dispatcher = Thread.ofPlatform().daemon().name("webhook-dispatcher").start(this::dispatch);
        recorder = Thread.ofPlatform().daemon().name("webhook-recorder").start(this::recordLoop);
        LOG.infof("delivering webhooks: %d attempts over %s, %d in flight at most, %d per endpoint",
                schedule.attempts(), schedule.span(), config.maxInFlight(), config.perEndpointConcurrency());
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (!running) {
            return;
        }
        running = false;
        wakeUp();
        try {
            dispatcher.join(5000);
            senders.shutdown();
            if (!senders.awaitTermination(5, TimeUnit.SECONDS)) {
                senders.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            recorder.join(5000); // it writes what finished before it stops
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        recordFinished();
        try {
            store.release(new ArrayList<>(inFlight.keySet())); // unfinished: another replica takes them at once
        } catch (Exception e) {
            LOG.warnf("could not give back %d leases on shutdown; they expire after %s", inFlight.size(), config.lease());
        }
    }

    /** Looks for due deliveries now (new deliveries were queued, a redelivery was asked for). */
    public void wakeUp() {
        lock.lock();
        try {
            woken = true;
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public RetrySchedule schedule() {
        return schedule;
    }

    /**
     * The dispatcher: claims as many due deliveries as there are free slots, gathering freed slots for a moment rather
     * than claiming one at a time; the recorder writes finished attempts beside it.
     */
    private void dispatch() {
        long idleSince = System.nanoTime();
        while (running) {
            try {
                int free = slots.availablePermits();
                boolean busy = free < config.maxInFlight();
                if (free == 0 || (busy && free < Math.max(1, config.maxInFlight() / 4)
                        && System.nanoTime() - idleSince < GATHER.toNanos())) {
                    pause(Duration.ofMillis(2));
                    continue;
                }
                long claiming = System.nanoTime();
                List<DeliveryStore.Claimed> claimed = store.claim(free);
                idleSince = System.nanoTime();
                if (!claimed.isEmpty()) {
                    LOG.debugf("claimed %d of %d free slots in %d ms", claimed.size(), free,
                            (idleSince - claiming) / 1_000_000);
                }
                for (DeliveryStore.Claimed delivery : claimed) {
                    slots.acquire();
                    inFlight.put(delivery.deliveryId(), delivery);
                    senders.execute(() -> {
                        try {
                            finished.add(deliver(delivery));
                        } finally {
                            inFlight.remove(delivery.deliveryId());
                            slots.release();
                            recorded.release(); // the recorder writes it down
                            wakeUp(); // a slot (one of this endpoint's) is free again
                        }
                    });
                }
                if (claimed.isEmpty()) {
                    pause(config.pollInterval());
                }
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                if (!running) {
                    return;
                }
                LOG.warnf("claiming or recording deliveries failed (retrying in a second): %s", e.toString());
                pause(Duration.ofSeconds(1));
            }
        }
    }

    /** The recorder: writes finished attempts in batches, beside the dispatcher's claims. */
    private void recordLoop() {
        while (running || !finished.isEmpty()) {
            try {
                if (recorded.tryAcquire(config.pollInterval().toMillis(), TimeUnit.MILLISECONDS)) {
                    recorded.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            recordFinished();
        }
    }

    private synchronized void recordFinished() {
        List<DeliveryStore.Finished> batch = new ArrayList<>();
        for (DeliveryStore.Finished f; (f = finished.poll()) != null; ) {
            batch.add(f);
        }
        if (batch.isEmpty()) {
            return;
        }
        long start = System.nanoTime();
        try {
            store.record(batch);
            LOG.debugf("recorded %d attempts in %d ms", batch.size(), (System.nanoTime() - start) / 1_000_000);
        } catch (Exception e) {
            // Their leases expire and they are sent again with the same webhook-id: at-least-once.
            LOG.errorf("could not record %d attempts (they will be sent again): %s", batch.size(), e);
            return;
        }
        for (DeliveryStore.Finished f : batch) {
            report(f);
        }
    }

    private void pause(Duration duration) {
        lock.lock();
        try {
            if (!woken && running) {
                wake.awaitNanos(duration.toNanos());
            }
            woken = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    private DeliveryStore.Finished deliver(DeliveryStore.Claimed delivery) {
        String webhookId = delivery.eventId().toString();
        long timestamp = Instant.now().getEpochSecond();
        DeliveryStore.Outcome outcome;
        long start = System.nanoTime();
        OffsetDateTime at = OffsetDateTime.now(ZoneOffset.UTC);
        try {
            List<byte[]> keys = secrets.signingKeys(delivery.clientId(), delivery.endpointId(),
                    delivery.endpointVersion(), delivery.secret(), delivery.previousSecret(),
                    delivery.previousSecretExpiresAt());
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("webhook-id", webhookId);
            headers.put("webhook-timestamp", Long.toString(timestamp));
            headers.put("webhook-signature", Signatures.header(keys, webhookId, timestamp, delivery.body()));
            OutboundResponse response = outbound.postJson(delivery.url(), "url", delivery.body(), headers);
            boolean ok = response.status() / 100 == 2;
            // 410 Gone: the receiver asks for no more (the endpoint is disabled); no retry either
            outcome = new DeliveryStore.Outcome(at, ok, response.status(), null, millisSince(start),
                    excerpt(response.body()), response.status() == 410);
        } catch (OutboundRefusedException refused) {
            outcome = new DeliveryStore.Outcome(at, false, null, refused.code(), millisSince(start),
                    refused.getMessage(), PERMANENT.contains(refused.reason()));
        } catch (RuntimeException e) {
            LOG.errorf(e, "delivery %s of event %s failed unexpectedly", delivery.deliveryId(), webhookId);
            outcome = new DeliveryStore.Outcome(at, false, null, "internal_error", millisSince(start), null, false);
        }
        OffsetDateTime next = null;
        if (!outcome.succeeded() && !outcome.permanent()) {
            next = schedule.after(delivery.attemptsMade() + 1, ThreadLocalRandom.current())
                    .map(wait -> OffsetDateTime.now(ZoneOffset.UTC).plus(wait)).orElse(null);
        }
        return new DeliveryStore.Finished(delivery, outcome, next);
    }

    private void report(DeliveryStore.Finished f) {
        DeliveryStore.Claimed delivery = f.delivery();
        DeliveryStore.Outcome outcome = f.outcome();
        metrics.counter("verity.webhooks.attempts", "outcome", outcome.succeeded() ? "succeeded" : "failed").increment();
        if (outcome.succeeded()) {
            LOG.debugf("delivered event %s to endpoint %s (HTTP %d, %d ms)", delivery.eventId(), delivery.endpointId(),
                    outcome.statusCode(), outcome.latencyMs());
        } else {
            LOG.infof("delivery of event %s to endpoint %s failed (attempt %d, %s)%s", delivery.eventId(),
                    delivery.endpointId(), delivery.attemptsMade() + 1,
                    outcome.statusCode() != null ? "HTTP " + outcome.statusCode() : outcome.error(),
                    f.next() == null ? "; no further attempt" : "; next at " + f.next());
        }
    }

    private String excerpt(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        String text = new String(body, 0, Math.min(body.length, config.responseExcerptChars() * 4), StandardCharsets.UTF_8)
                .replaceAll("[\\p{Cntrl}&&[^\n\t]]", "");
        return text.length() > config.responseExcerptChars() ? text.substring(0, config.responseExcerptChars()) : text;
    }

    private static int millisSince(long startNanos) {
        return (int) Math.min(Integer.MAX_VALUE, (System.nanoTime() - startNanos) / 1_000_000);
    }
}
