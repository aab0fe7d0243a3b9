package io.verity.platform.net;

import io.verity.platform.error.ProblemException;
import java.util.Locale;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * An outbound call that Verity refused to make or to finish, with a stable {@link Reason} and a message that says what
 * was refused and why, naming the caller's field (for example {@code image_url}) but never the URL's query string.
 *
 * <p>Unhandled, it answers 422 problem+json with {@code code} = {@link Reason#code()} and {@code field}; services map it
 * to their own shapes (the Securegate 422 detail list, a failed webhook delivery).
 */
public final class OutboundRefusedException extends ProblemException {

    private static final Logger LOG = Logger.getLogger(OutboundRefusedException.class);

    /** Why a call was refused; {@link #code()} is the stable machine-readable form. */
    public enum Reason {
        /** Not an absolute URL with a valid host name and port. */
        INVALID_URL,
        /** A scheme other than http or https. */
        SCHEME_NOT_ALLOWED,
        /** The URL carries user credentials ({@code user:password@host}). */
        USERINFO_NOT_ALLOWED,
        /** The host name does not resolve. */
        HOST_UNRESOLVABLE,
        /** The host resolves to an address that is not public and not on the operator's allow-list. */
        DESTINATION_NOT_ALLOWED,
        /** More redirects than {@code verity.outbound.max-redirects}. */
        TOO_MANY_REDIRECTS,
        /** The body is larger than {@code verity.outbound.max-body-bytes}. */
        TOO_LARGE,
        /** The deadline ({@code verity.outbound.timeout}) or the connect timeout passed. */
        TIMEOUT,
        /** The connection could not be opened or broke before the answer was complete. */
        CONNECT_FAILED,
        /** The TLS handshake failed, for example on a certificate that is not valid for the host. */
        TLS_FAILED,
        /** The server answered with a status that is not a success, or a redirect without a location. */
        HTTP_ERROR;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Reason reason;
    private final String field;

    OutboundRefusedException(Reason reason, String field, String message) {
        super(422, reason.code(), message, Map.of("field", field));
        this.reason = reason;
        this.field = field;
    }

    OutboundRefusedException(Reason reason, String field, String message, Throwable cause) {
        this(reason, field, message);
        initCause(cause);
    }

    /** The one code that callers see for every refused URL (see {@link #publicMessage()}). */
    public static final String PUBLIC_CODE = "url_not_fetchable";

    /**
     * What a caller is told, whatever the reason: the same sentence for a private address, a name that does not
     * resolve, a closed port or a timeout, so that refusals cannot be used to map a network. The reason and the
     * detail are logged under the request id ({@link #logged}); an operator finds them there.
     */
    public String publicMessage() {
        return "the URL in " + field + " could not be fetched; an operator can find the reason in the log under this "
                + "request's id";
    }

    public Reason reason() {
        return reason;
    }

    /** The caller's name for the URL that was refused, such as {@code image_url} or {@code webhook_url}. */
    public String field() {
        return field;
    }

    /** Logs this refusal (once, where a public operation gives up) and returns it for throwing. */
    OutboundRefusedException logged(String operation) {
        if (reason == Reason.DESTINATION_NOT_ALLOWED) {
            LOG.warnf("outbound %s refused (%s): %s; if it is meant to be reached, add it to verity.outbound.allow-list",
                    operation, reason.code(), getMessage());
        } else {
            LOG.infof("outbound %s refused (%s): %s", operation, reason.code(), getMessage());
        }
        return this;
    }
}
