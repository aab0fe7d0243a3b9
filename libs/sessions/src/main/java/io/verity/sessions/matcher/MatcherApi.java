package io.verity.sessions.matcher;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** identity-service's internal face API, as far as idv-service and ida-service use it. */
@Path("/internal/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface MatcherApi {

    @POST
    @Path("faces/analyze-set")
    Response analyzeSet(@HeaderParam("x-internal-token") String token, @HeaderParam("x-verity-client-id") String clientId,
            String body);

    @POST
    @Path("galleries/{gallery}/templates")
    Response enroll(@HeaderParam("x-internal-token") String token, @HeaderParam("x-verity-client-id") String clientId,
            @PathParam("gallery") String gallery, String body);

    @DELETE
    @Path("identities/{identity}/faces")
    Response eraseIdentityFaces(@HeaderParam("x-internal-token") String token, @HeaderParam("x-verity-client-id") String clientId,
            @PathParam("identity") String identityId);

    @DELETE
    @Path("galleries/{gallery}/subjects/{subject}")
    Response deleteSubject(@HeaderParam("x-internal-token") String token, @HeaderParam("x-verity-client-id") String clientId,
            @PathParam("gallery") String gallery, @PathParam("subject") String subject);
}
