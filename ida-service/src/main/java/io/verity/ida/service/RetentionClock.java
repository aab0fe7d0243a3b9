package io.verity.ida.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** The time retention compares ages with: the system's; the tests replace the bean to move it forward. */
@ApplicationScoped
public class RetentionClock {

    public OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
