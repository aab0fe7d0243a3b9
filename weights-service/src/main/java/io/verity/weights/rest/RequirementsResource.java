package io.verity.weights.rest;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.verity.platform.error.Problem;
import io.verity.platform.security.Caller;
import io.verity.platform.security.Roles;
import io.verity.platform.weights.DocumentType;
import io.verity.weights.domain.RequirementValues;
import io.verity.weights.domain.RequirementsVersion;
import io.verity.weights.rest.RequirementsView.RequirementsList;
import io.verity.weights.service.RequirementsService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * The spec's "get requirements" and "update requirements": which fields a document of a type, read from a data
 * source, must yield. Versioned and resolved (user → client → defaults of the document type) like the weights.
 */
@Path("/requirements")
@RolesAllowed({Roles.CLIENT, Roles.ADMIN})
@SecurityRequirement(name = "ApiKeyAuth")
@SecurityRequirement(name = "AdminBearer")
@Tag(name = "Requirements")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RequirementsResource {

    static final String TYPE_DOC = "The document type; absent for every type";
    static final String DATA_SOURCE_DOC = "Where the document's data is read from (lower-case letters, digits and "
            + "underscores); absent for `unknown`";

    /** Documents the body that {@link #updateRequirements} reads strictly with {@link Input}. */
    @Schema(name = "RequirementsUpdate", description = "Every value is required; a new version is written.")
    public record RequirementsUpdate(
            @Schema(description = WeightsResource.CLIENT_ID_DOC) UUID clientId,
            @Schema(description = WeightsResource.USER_ID_DOC + "; absent for the client-wide requirements")
            String userId,
            @Schema(required = true) DocumentType typeE,
            @Schema(required = true, examples = "unknown", pattern = "^[a-z0-9_]{1,64}$") String dataSourceE,
            @JsonUnwrapped RequirementValues values) {
    }

    @Inject
    RequirementsService requirements;

    @Inject
    Caller caller;

    @GET
    @Operation(summary = "Get the requirements in force",
            description = "For each document type asked for (all five when type_e is absent) and the data source: "
                    + "the user's latest version, else the client's latest, else the defaults of the document type. "
                    + "Answers an ETag; a request whose If-None-Match names it gets 304.")
    @APIResponse(responseCode = "200", description = "One entry per document type")
    @APIResponse(responseCode = "304", description = "Nothing changed since the ETag in If-None-Match")
    @APIResponse(responseCode = "400", description = "An invalid parameter; or an administrator named no client_id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "client_id is not the API key's client",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such client",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RestResponse<RequirementsList> getRequirements(
            @Parameter(description = WeightsResource.CLIENT_ID_DOC) @QueryParam("client_id") String clientId,
            @Parameter(description = WeightsResource.USER_ID_DOC) @QueryParam("user_id") String userId,
            @Parameter(description = TYPE_DOC, schema = @Schema(implementation = DocumentType.class))
            @QueryParam("type_e") String type,
            @Parameter(description = DATA_SOURCE_DOC,
                    schema = @Schema(type = SchemaType.STRING, defaultValue = "unknown"))
            @QueryParam("data_source_e") String dataSource,
            @Context Request request) {
        List<RequirementsVersion> versions = requirements.effective(caller.clientFor(Input.clientIdParam(clientId)),
                Input.userIdParam(userId), Input.documentTypeOrAll(type), Input.dataSourceOrDefault(dataSource));
        return RequirementsList.answer(request, versions);
    }

    @POST
    @Operation(summary = "Update the requirements",
            description = "Writes a new version for the document type and data source, for the client (or, with "
                    + "user_id, for one of its users). Every field is required.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RequirementsUpdate.class),
            examples = @ExampleObject(name = "driver licenses read from the barcode", value = UPDATE_EXAMPLE)))
    @APIResponse(responseCode = "200", description = "The new version")
    @APIResponse(responseCode = "400", description = "A field is missing or of the wrong type: code invalid_field, "
            + "field names it", content = @Content(mediaType = Problem.MEDIA_TYPE,
                    schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "client_id is not the API key's client",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such client",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RestResponse<RequirementsView> updateRequirements(JsonNode body) {
        ObjectNode update = Input.object(body);
        UUID clientId = caller.clientFor(Input.clientId(update));
        String userId = Input.userId(update);
        DocumentType type = Input.documentType(update);
        String dataSource = Input.dataSource(update);
        RequirementValues values = Input.values(update, RequirementValues.class);
        RequirementsVersion version = requirements.update(clientId, userId, type, dataSource, values, caller.name());
        return RestResponse.ResponseBuilder.ok(RequirementsView.of(version)).tag(Conditional.tag(version.id)).build();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Get a version of the requirements by id",
            description = "Any version the client ever had, unchanged. Another client's version is not found.")
    @APIResponse(responseCode = "200", description = "The version")
    @APIResponse(responseCode = "304", description = "The caller holds this version already (If-None-Match)")
    @APIResponse(responseCode = "404", description = "No version of this id belongs to the client",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RestResponse<RequirementsView> getRequirementsById(
            @Parameter(description = "The version id") @PathParam("id") UUID id,
            @Parameter(description = WeightsResource.CLIENT_ID_DOC) @QueryParam("client_id") String clientId,
            @Context Request request) {
        RequirementsVersion version = requirements.version(caller.clientFor(Input.clientIdParam(clientId)), id);
        return Conditional.answer(request, Conditional.tag(version.id), Conditional.IMMUTABLE,
                RequirementsView.of(version));
    }

    static final String UPDATE_EXAMPLE = """
            {"type_e": "driver_license", "data_source_e": "barcode",
             "document_number_required": true, "ref_number_required": true, "issue_at_required": true,
             "expires_at_required": true, "issuing_country_required": true, "issuing_state_required": true,
             "first_name_required": true, "middle_name_required": false, "last_name_required": true,
             "name_suffix_required": false, "street_required": true, "city_required": true, "state_required": true,
             "postal_code_required": true, "birth_date_required": true, "gender_required": true,
             "height_required": true, "weight_required": false, "eye_color_required": true,
             "hair_color_required": false, "class_required": true, "mentions_required": false,
             "restrictions_required": false, "raw_barcode_required": true, "face_encoding_required": true}""";
}
