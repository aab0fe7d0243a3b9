package io.verity.sessions.sdk;


import io.verity.platform.error.Problem;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Locale;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Browser origins for SDK calls (CORS). A client listed in {@code verity.<service>.sdk.allowed-origins."<client id>"} may
 * call only from those origins: a browser request from another origin is refused (403 origin_not_allowed) and gets
 * no Access-Control-Allow-Origin. Preflights (which carry no X-Client-Id) are answered for the SDK's methods and
 * headers; the real request is where the client's list is enforced. The service's own origin (its hosted
 * verification page) is always allowed: it is not a cross-origin caller.
 */
public class SdkOrigins {

    private static final String ALLOW_HEADERS = "Content-Type, X-Client-Id, X-Request-Id";

    @Inject
    SdkSettings config;

    @Inject
    io.verity.platform.web.RequestIds requestIds;

    @ServerRequestFilter(preMatching = true)
    public Response filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        String origin = request.getHeaderString("Origin");
        if (!isSdk(path) || origin == null) {
            return null;
        }
        if ("OPTIONS".equals(request.getMethod())) {
            return Response.noContent()
                    .header("Access-Control-Allow-Origin", origin)
                    .header("Access-Control-Allow-Methods", "POST")
                    .header("Access-Control-Allow-Headers", ALLOW_HEADERS)
                    .header("Access-Control-Max-Age", "600")
                    .header("Vary", "Origin")
                    .build();
        }
        if (!sameOrigin(request, origin) && !allowed(request.getHeaderString(SdkCall.CLIENT_HEADER), origin)) {
            return new Problem(403, "origin_not_allowed", "the origin " + origin + " may not make SDK calls for this client",
                    path, requestIds.current(), java.util.Map.of()).toResponse();
        }
        return null;
    }

    @ServerResponseFilter
    public void cors(ContainerRequestContext request, ContainerResponseContext response) {
        String origin = request.getHeaderString("Origin");
        if (origin != null && isSdk(request.getUriInfo().getPath()) && !sameOrigin(request, origin)
                && allowed(request.getHeaderString(SdkCall.CLIENT_HEADER), origin)) {
            response.getHeaders().putSingle("Access-Control-Allow-Origin", origin);
            response.getHeaders().add("Vary", "Origin");
        }
    }

    /** SDK paths: /v1/sdk/... (IDV) and /ida/sdk/... (IDA). */
    static boolean isSdk(String path) {
        return path.startsWith("/v1/sdk/") || path.startsWith("/ida/sdk/");
    }

    /** The request comes from a page of this service (scheme, host and port as the request addressed them). */
    static boolean sameOrigin(ContainerRequestContext request, String origin) {
        java.net.URI base = request.getUriInfo().getBaseUri();
        return origin.equalsIgnoreCase(base.getScheme() + "://" + base.getRawAuthority());
    }

    boolean allowed(String clientId, String origin) {
        if (clientId == null) {
            return true; // refused later for the missing header
        }
        List<String> origins = config.allowedOrigins().get(clientId.strip().toLowerCase(Locale.ROOT));
        return origins == null || origins.stream().anyMatch(o -> o.strip().equalsIgnoreCase(origin));
    }
}
