package io.verity.platform.web;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.quarkus.arc.Arc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.logging.MDC;

/**
 * Gives every request an id: the caller's {@code X-Request-Id} when it is sane, a new UUID otherwise.
 * The id is echoed in the response header, put in the logging MDC ({@code %X{requestId}}) and in every problem body.
 */
@ApplicationScoped
public class RequestIds {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";
    private static final String CONTEXT_KEY = "verity.request-id";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    @Inject
    CurrentVertxRequest currentRequest;

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(RequestIds::assign);
    }

    private static void assign(RoutingContext rc) {
        String given = rc.request().getHeader(HEADER);
        String id = given != null && SANE.matcher(given).matches() ? given : UUID.randomUUID().toString();
        rc.put(CONTEXT_KEY, id);
        rc.response().putHeader(HEADER, id);
        MDC.put(MDC_KEY, id);
        rc.addEndHandler(ignored -> MDC.remove(MDC_KEY));
        rc.next();
    }

    /** The current request's id, or null outside a request (a scheduled job, a worker thread). */
    public String current() {
        if (!Arc.container().requestContext().isActive()) {
            Object fromMdc = MDC.get(MDC_KEY);
            return fromMdc == null ? null : fromMdc.toString();
        }
        RoutingContext rc = currentRequest.getCurrent();
        if (rc != null && rc.get(CONTEXT_KEY) != null) {
            return rc.get(CONTEXT_KEY);
        }
        Object fromMdc = Vertx.currentContext() == null ? null : MDC.get(MDC_KEY);
        return fromMdc == null ? null : fromMdc.toString();
    }
}
