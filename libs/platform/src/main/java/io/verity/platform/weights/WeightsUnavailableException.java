package io.verity.platform.weights;

/**
 * Weights or requirements could not be read: weights-service could not be reached, failed, or refused the request.
 * Nothing falls back to other numbers; the caller decides what a session does without them (typically: fail it as
 * temporarily unavailable and let it be retried).
 */
public class WeightsUnavailableException extends RuntimeException {

    private final int status;
    private final String code;

    public WeightsUnavailableException(String message, int status, String code, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.code = code;
    }

    /** The HTTP status weights-service answered, or 0 when nothing answered. */
    public int status() {
        return status;
    }

    /** The problem {@code code} weights-service answered (for example {@code not_found}), or null. */
    public String code() {
        return code;
    }
}
