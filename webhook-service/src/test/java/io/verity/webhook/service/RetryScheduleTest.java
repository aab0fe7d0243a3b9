package io.verity.webhook.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {

    static final List<Duration> DEFAULT = List.of(Duration.ofSeconds(10), Duration.ofMinutes(1), Duration.ofMinutes(5),
            Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(6), Duration.ofHours(12), Duration.ofHours(24),
            Duration.ofHours(24));

    @Test
    void theDefaultSpansAboutThreeDaysInTenAttempts() {
        RetrySchedule schedule = new RetrySchedule(DEFAULT, 0.2);
        assertThat(schedule.attempts()).isEqualTo(10);
        assertThat(schedule.span()).isBetween(Duration.ofHours(66), Duration.ofHours(72));
    }

    @Test
    void eachWaitIsJitteredWithinItsBoundsAndTheScheduleEnds() {
        RetrySchedule schedule = new RetrySchedule(DEFAULT, 0.2);
        Random random = new Random(42);
        for (int attempt = 1; attempt <= 9; attempt++) {
            long base = DEFAULT.get(attempt - 1).toMillis();
            long min = Long.MAX_VALUE;
            long max = 0;
            for (int i = 0; i < 200; i++) {
                long wait = schedule.after(attempt, random).orElseThrow().toMillis();
                min = Math.min(min, wait);
                max = Math.max(max, wait);
            }
            assertThat(min).isGreaterThanOrEqualTo(Math.round(base * 0.8)).isLessThan(Math.round(base * 0.9));
            assertThat(max).isLessThanOrEqualTo(Math.round(base * 1.2)).isGreaterThan(Math.round(base * 1.1));
        }
        assertThat(schedule.after(10, random)).isEmpty();
        assertThat(schedule.after(0, random)).isEmpty();
    }

    @Test
    void jitterMustBeAFraction() {
        assertThatThrownBy(() -> new RetrySchedule(DEFAULT, 1.5)).isInstanceOf(IllegalArgumentException.class);
    }
}
