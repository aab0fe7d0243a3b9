package io.verity.platform.error;

import java.util.Map;

/**
 * 429: the caller (one client) has reached its share of a bounded resource; other clients are unaffected. Answered with
 * a {@code Retry-After} header (seconds) and {@code retry_after} in the problem body.
 */
public class TooManyRequestsException extends ProblemException {

    private final int retryAfterSeconds;

    public TooManyRequestsException(String code, String detail, int retryAfterSeconds) {
        super(429, code, detail, Map.of("retry_after", retryAfterSeconds));
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
