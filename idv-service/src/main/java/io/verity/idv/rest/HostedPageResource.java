package io.verity.idv.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirementsSet;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The hosted verification page: the JS SDK's flow (/sdk/verity-sdk-{@value #SDK_VERSION}.js) on a page of its own,
 * for customers who send their users to a link instead of embedding the SDK. The page holds no secret: the session id
 * (path) and the client id (query, the value sessionCreate answered) are what the SDK sends (docs/adr/0020).
 */
@Path("/verify")
@PermitAll
@Tag(name = "IDV hosted page")
public class HostedPageResource {

    /** The SDK version the page loads; its files are META-INF/resources/sdk/verity-sdk-&lt;version&gt;.{js,css}. */
    public static final String SDK_VERSION = "1.0.0";

    /**
     * Only this origin's scripts, styles and calls; the camera and location for this origin only; never framed; the
     * session id in the address is never sent on as a referrer.
     */
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
            + "media-src 'self' blob: mediastream:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static final String TEMPLATE = read("/io/verity/idv/hosted/verify.html");

    @GET
    @Path("{session_id}")
    @Produces(MediaType.TEXT_HTML)
    @SecurityRequirementsSet
    @Operation(operationId = "hostedVerificationPage", summary = "Verity: the hosted verification page of a session",
            description = "For the end user's browser: consent, document type, front and back (camera or file), the "
                    + "liveness challenge with live guidance, and the result, through the sdk* operations. The customer's "
                    + "backend sends its user to `/verify/{session_id}?client_id={client_id}` with the two values "
                    + "sessionCreate answered; neither is a secret. 404 for a session id that is not a UUID.")
    @APIResponse(responseCode = "200", description = "The page", content = @Content(mediaType = MediaType.TEXT_HTML,
            schema = @Schema(type = SchemaType.STRING), example = "<!doctype html><html lang=\"en\">…</html>"))
    @APIResponse(responseCode = "404", description = "Not a session id")
    public Response page(@Parameter(description = "The session id sessionCreate answered") @PathParam("session_id") String sessionId,
            @Parameter(description = "The client id sessionCreate answered; the page sends it as X-Client-Id")
            @QueryParam("client_id") String clientId) {
        UUID session;
        try {
            session = UUID.fromString(sessionId);
        } catch (IllegalArgumentException e) {
            return Response.status(404).type(MediaType.TEXT_HTML).header("Content-Security-Policy", CSP)
                    .entity("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Not found</title></head>"
                            + "<body><main><h1>This verification link is not valid</h1></main></body></html>").build();
        }
        String html = TEMPLATE.replace("{{version}}", SDK_VERSION).replace("{{session}}", session.toString());
        return Response.ok(html, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Content-Security-Policy", CSP)
                .header("Referrer-Policy", "no-referrer")
                .header("Permissions-Policy", "camera=(self), geolocation=(self), microphone=()")
                .header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", "no-store")
                .build();
    }

    private static String read(String resource) {
        try (InputStream in = HostedPageResource.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
