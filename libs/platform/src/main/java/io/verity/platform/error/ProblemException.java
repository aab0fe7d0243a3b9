package io.verity.platform.error;

import java.util.Map;

/**
 * A failure that the caller can act on, answered as RFC 7807 {@code application/problem+json}.
 *
 * <p>{@code code} is a stable, machine-readable reason (for example {@code no_face} or {@code invalid_field});
 * {@code extensions} are extra members of the problem body (for example the offending {@code field}).
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String code;
    private final transient Map<String, Object> extensions;

    public ProblemException(int status, String code, String detail) {
        this(status, code, detail, Map.of());
    }

    public ProblemException(int status, String code, String detail, Map<String, Object> extensions) {
        super(detail);
        this.status = status;
        this.code = code;
        this.extensions = Map.copyOf(extensions);
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(404, "not_found", what + " was not found");
    }

    public static ProblemException badRequest(String code, String detail) {
        return new ProblemException(400, code, detail);
    }

    /** The body itself, or a 400 {@code malformed_body} when the request had none. */
    public static <T> T requireBody(T body) {
        if (body == null) {
            throw badRequest("malformed_body", "a JSON body is required");
        }
        return body;
    }

    public static ProblemException invalidField(String field, String detail) {
        return new ProblemException(400, "invalid_field", field + ": " + detail, Map.of("field", field));
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Map<String, Object> extensions() {
        return extensions;
    }
}
