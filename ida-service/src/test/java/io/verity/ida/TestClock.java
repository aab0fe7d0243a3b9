package io.verity.ida;

import io.quarkus.test.Mock;
import io.verity.ida.service.RetentionClock;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;

/** Retention's clock, moved forward by the tests. */
@Mock
@ApplicationScoped
public class TestClock extends RetentionClock {

    private volatile Duration offset = Duration.ZERO;

    @Override
    public OffsetDateTime now() {
        return super.now().plus(offset);
    }

    public void advance(Duration by) {
        offset = offset.plus(by);
    }

    public void reset() {
        offset = Duration.ZERO;
    }
}
