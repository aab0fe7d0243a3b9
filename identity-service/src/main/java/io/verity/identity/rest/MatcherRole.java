package io.verity.identity.rest;

import io.verity.identity.config.IdentityConfig;
import io.verity.platform.error.Problem;
import io.verity.platform.web.RequestIds;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * identity-service's role ({@code verity.identity.role}, {@code VERITY_IDENTITY_ROLE}): {@code all} (the default; one
 * process serves everything, as the launcher runs it) or {@code matcher}, the GPU matcher Deployment of k8s/overlays/gpu,
 * which serves only the internal faces and galleries API (with an identity's faces; and health, metrics and the information endpoints); every
 * other path is 404 before anything reads its body. The matcher still loads every gallery from the database and keeps
 * it in sync, as every replica does.
 */
@ApplicationScoped
public class MatcherRole {

    public static final String ALL = "all";
    public static final String MATCHER = "matcher";
    /**
     * What a matcher pod serves: the internal API (faces, galleries, and an identity's faces, which MatcherClient
     * erases for ida-service), health and metrics, and the info endpoints.
     */
    static final List<String> MATCHER_PREFIXES = List.of("/internal/v1/faces/", "/internal/v1/galleries/",
            "/internal/v1/identities/", "/q/");
    static final List<String> INFO_PATHS = List.of("/", "/info", "/health", "/system");
    private static final Logger LOG = Logger.getLogger(MatcherRole.class);

    @Inject
    IdentityConfig config;

    void install(@Observes Router router) {
        String role = config.role();
        if (ALL.equals(role)) {
            return;
        }
        if (!MATCHER.equals(role)) {
            throw new IllegalStateException("verity.identity.role must be " + ALL + " or " + MATCHER + ", not " + role);
        }
        LOG.infof("identity-service runs in the matcher role: only %s and %s are served", MATCHER_PREFIXES, INFO_PATHS);
        router.route().order(Integer.MIN_VALUE + 1).handler(this::check); // after RequestIds
    }

    static boolean served(String path) {
        return INFO_PATHS.contains(path) || MATCHER_PREFIXES.stream().anyMatch(path::startsWith);
    }

    private void check(RoutingContext rc) {
        String path = rc.normalizedPath();
        if (served(path)) {
            rc.next();
            return;
        }
        String requestId = rc.response().headers().get(RequestIds.HEADER);
        Problem problem = new Problem(404, "not_found", "this identity-service instance is a matcher: it serves only "
                + "the internal faces and galleries API", path, requestId, Map.of());
        rc.response().setStatusCode(404).putHeader("Content-Type", Problem.MEDIA_TYPE).end(Json.encode(problem));
    }
}
