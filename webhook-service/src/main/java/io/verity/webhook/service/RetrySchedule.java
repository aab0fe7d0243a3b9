package io.verity.webhook.service;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * When to try a failed delivery again: after attempt {@code n} (1-based) wait {@code waits[n-1]}, stretched or shrunk
 * at random by up to {@code jitter}; after the last wait's attempt fails there is no next one.
 */
public record RetrySchedule(List<Duration> waits, double jitter) {

    public RetrySchedule {
        if (jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("verity.webhooks.jitter must be in [0, 1), was " + jitter);
        }
        waits = List.copyOf(waits);
    }

    /** Attempts in all: the first and one per wait. */
    public int attempts() {
        return waits.size() + 1;
    }

    /** The wait after {@code attemptsMade} failed attempts, or empty when the schedule is exhausted. */
    public Optional<Duration> after(int attemptsMade, RandomGenerator random) {
        if (attemptsMade < 1 || attemptsMade > waits.size()) {
            return Optional.empty();
        }
        long millis = waits.get(attemptsMade - 1).toMillis();
        double factor = 1 + jitter * (2 * random.nextDouble() - 1);
        return Optional.of(Duration.ofMillis(Math.max(1, Math.round(millis * factor))));
    }

    /** The schedule's span without jitter: how long after the first attempt the last one comes. */
    public Duration span() {
        return waits.stream().reduce(Duration.ZERO, Duration::plus);
    }
}
