package io.verity.weights.console;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The console's forms post with the session cookie, so a post must come from the console's own pages: its Origin
 * header (which browsers send with every form post) must name the host the request was sent to. A post without
 * one, or from another origin, is refused with 403 before any service is called.
 */
public class ConsoleOriginFilter {

    @ServerRequestFilter
    public Response sameOrigin(ContainerRequestContext context) {
        if (!"POST".equals(context.getMethod()) || !context.getUriInfo().getPath().startsWith("/console")) {
            return null;
        }
        String origin = context.getHeaderString("Origin");
        String host = context.getHeaderString("Host");
        if (origin == null || host == null) {
            return Response.status(403).entity("the console accepts forms from its own pages only").build();
        }
        try {
            URI from = URI.create(origin);
            String authority = from.getPort() == -1 ? from.getHost() : from.getHost() + ":" + from.getPort();
            if (authority.equalsIgnoreCase(host)) {
                return null;
            }
        } catch (IllegalArgumentException e) {
            // fall through: not a valid origin
        }
        return Response.status(403).entity("the console accepts forms from its own pages only").build();
    }
}
