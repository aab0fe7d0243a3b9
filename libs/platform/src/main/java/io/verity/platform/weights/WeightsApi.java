package io.verity.platform.weights;

import io.verity.platform.security.InternalTokenAuthenticationMechanism;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The internal reads of weights-service, as {@link WeightsClient} calls them. Null parameters are left out. */
@Path("/internal/v1")
@Produces(MediaType.APPLICATION_JSON)
public interface WeightsApi {

    @GET
    @Path("weights")
    Response weights(@HeaderParam(InternalTokenAuthenticationMechanism.TOKEN_HEADER) String token,
            @HeaderParam(InternalTokenAuthenticationMechanism.CLIENT_HEADER) String clientId,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
            @QueryParam("user_id") String userId);

    @GET
    @Path("weights/{id}")
    Response weightsVersion(@HeaderParam(InternalTokenAuthenticationMechanism.TOKEN_HEADER) String token,
            @HeaderParam(InternalTokenAuthenticationMechanism.CLIENT_HEADER) String clientId,
            @PathParam("id") String id);

    @GET
    @Path("requirements")
    Response requirements(@HeaderParam(InternalTokenAuthenticationMechanism.TOKEN_HEADER) String token,
            @HeaderParam(InternalTokenAuthenticationMechanism.CLIENT_HEADER) String clientId,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
            @QueryParam("user_id") String userId,
            @QueryParam("type_e") String type,
            @QueryParam("data_source_e") String dataSource);
}
