package io.verity.weights.rest;

import io.verity.platform.error.Problem;
import io.verity.platform.security.Caller;
import io.verity.platform.security.InternalTokenAuthenticationMechanism;
import io.verity.platform.security.Roles;
import io.verity.platform.weights.DocumentType;
import io.verity.weights.domain.WeightsVersion;
import io.verity.weights.rest.RequirementsView.RequirementsList;
import io.verity.weights.service.RequirementsService;
import io.verity.weights.service.WeightsService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * The reads other Verity services make through {@code io.verity.platform.weights.WeightsClient}
 * (docs/adr/0004-weights-client-reads-internal-endpoints.md): the same answers and ETags as the public reads, for
 * the client named by {@code x-verity-client-id}. Never routed by the gateway.
 */
@Path("/internal/v1")
@RolesAllowed(Roles.INTERNAL)
@SecurityRequirement(name = "InternalToken")
@Tag(name = "Internal (service to service)")
@Produces(MediaType.APPLICATION_JSON)
public class InternalReadResource {

    static final String CLIENT_HEADER_DOC = "The client the calling service acts for";

    @Inject
    WeightsService weights;

    @Inject
    RequirementsService requirements;

    @Inject
    Caller caller;

    @GET
    @Path("weights")
    @Operation(summary = "The weights in force for a client's user (as GET /weights)")
    @Parameter(name = InternalTokenAuthenticationMechanism.CLIENT_HEADER, in = ParameterIn.HEADER, required = true,
            description = CLIENT_HEADER_DOC, schema = @Schema(type = SchemaType.STRING, format = "uuid"))
    @APIResponse(responseCode = "200", description = "The weights in force, with the id of their version")
    @APIResponse(responseCode = "304", description = "The version named in If-None-Match is still in force")
    @APIResponse(responseCode = "404", description = "No such client",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RestResponse<WeightsView> readWeights(
            @Parameter(description = WeightsResource.USER_ID_DOC) @QueryParam("user_id") String userId,
            @Context Request request) {
        WeightsVersion version = weights.effective(caller.clientId(), Input.userIdParam(userId));
        return Conditional.answer(request, Conditional.tag(version.id), Conditional.CURRENT, WeightsView.of(version));
    }

    @GET
    @Path("weights/{id}")
    @Operation(summary = "A version of a client's weights by id (as GET /weights/{id})")
    @Parameter(name = InternalTokenAuthenticationMechanism.CLIENT_HEADER, in = ParameterIn.HEADER, required = true,
            description = CLIENT_HEADER_DOC, schema = @Schema(type = SchemaType.STRING, format = "uuid"))
    @APIResponse(responseCode = "200", description = "The version")
    @APIResponse(responseCode = "404", description = "No version of this id belongs to the client",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RestResponse<WeightsView> readWeightsById(@PathParam("id") UUID id, @Context Request request) {
        WeightsVersion version = weights.version(caller.clientId(), id);
        return Conditional.answer(request, Conditional.tag(version.id), Conditional.IMMUTABLE, WeightsView.of(version));
    }

    @GET
    @Path("requirements")
    @Operation(summary = "The requirements in force for a client's user (as GET /requirements)")
    @Parameter(name = InternalTokenAuthenticationMechanism.CLIENT_HEADER, in = ParameterIn.HEADER, required = true,
            description = CLIENT_HEADER_DOC, schema = @Schema(type = SchemaType.STRING, format = "uuid"))
    @APIResponse(responseCode = "200", description = "One entry per document type")
    @APIResponse(responseCode = "304", description = "Nothing changed since the ETag in If-None-Match")
    @APIResponse(responseCode = "404", description = "No such client",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RestResponse<RequirementsList> readRequirements(
            @Parameter(description = WeightsResource.USER_ID_DOC) @QueryParam("user_id") String userId,
            @Parameter(description = RequirementsResource.TYPE_DOC,
                    schema = @Schema(implementation = DocumentType.class)) @QueryParam("type_e") String type,
            @Parameter(description = RequirementsResource.DATA_SOURCE_DOC)
            @QueryParam("data_source_e") String dataSource,
            @Context Request request) {
        return RequirementsList.answer(request, requirements.effective(caller.clientId(),
                Input.userIdParam(userId), Input.documentTypeOrAll(type), Input.dataSourceOrDefault(dataSource)));
    }
}
