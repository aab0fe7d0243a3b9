package io.verity.weights.rest;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.verity.platform.error.Problem;
import io.verity.platform.security.Caller;
import io.verity.platform.security.Roles;
import io.verity.platform.web.Paging;
import io.verity.weights.domain.WeightValues;
import io.verity.weights.domain.WeightsVersion;
import io.verity.weights.service.WeightsService;
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
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
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
 * The spec's "get weights", "update weights" and "get weights by id". An API key acts for its own client only;
 * an administrator names the client. Every update is a new version; no version is ever changed.
 */
@Path("/weights")
@RolesAllowed({Roles.CLIENT, Roles.ADMIN})
@SecurityRequirement(name = "ApiKeyAuth")
@SecurityRequirement(name = "AdminBearer")
@Tag(name = "Weights")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class WeightsResource {

    static final String CLIENT_ID_DOC = "The client to act for: required of administrators; an API key may name only "
            + "its own client (another is refused with 403 foreign_client)";
    static final String USER_ID_DOC = "The client's own id of one of its users (1–200 characters)";

    /** Documents the body that {@link #updateWeights} reads strictly with {@link Input}. */
    @Schema(name = "WeightsUpdate", description = "Every value is required; a new version is written.")
    public record WeightsUpdate(
            @Schema(description = CLIENT_ID_DOC) UUID clientId,
            @Schema(description = USER_ID_DOC + "; absent for the client-wide weights") String userId,
            @JsonUnwrapped WeightValues values) {
    }

    @Inject
    WeightsService weights;

    @Inject
    Caller caller;

    @GET
    @Operation(summary = "Get the weights in force",
            description = "The user's latest version, else the client's latest, else the system defaults (recorded "
                    + "for the client, with a version id, the first time they are served). Answers an ETag, the "
                    + "version id; a request whose If-None-Match names it gets 304.")
    @APIResponse(responseCode = "200", description = "The weights in force, with the id of their version")
    @APIResponse(responseCode = "304", description = "The version named in If-None-Match is still in force")
    @APIResponse(responseCode = "400", description = "Invalid client_id or user_id; or an administrator named no "
            + "client_id", content = @Content(mediaType = Problem.MEDIA_TYPE,
                    schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "client_id is not the API key's client",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such client",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RestResponse<WeightsView> getWeights(
            @Parameter(description = CLIENT_ID_DOC) @QueryParam("client_id") String clientId,
            @Parameter(description = USER_ID_DOC) @QueryParam("user_id") String userId,
            @Context Request request) {
        WeightsVersion version = weights.effective(caller.clientFor(Input.clientIdParam(clientId)),
                Input.userIdParam(userId));
        return Conditional.answer(request, Conditional.tag(version.id), Conditional.CURRENT, WeightsView.of(version));
    }

    @POST
    @Operation(summary = "Update the weights",
            description = "Writes a new version for the client (or, with user_id, for one of its users); earlier "
                    + "versions stay readable by id. Every field is required and checked against its range.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = WeightsUpdate.class),
            examples = @ExampleObject(name = "stricter face match for one user", value = UPDATE_EXAMPLE)))
    @APIResponse(responseCode = "200", description = "The new version")
    @APIResponse(responseCode = "400", description = "A field is missing, not a number or out of range: code "
            + "invalid_field, field names it", content = @Content(mediaType = Problem.MEDIA_TYPE,
                    schema = @Schema(implementation = Problem.class), examples = @ExampleObject(name = "out of range",
                            value = INVALID_EXAMPLE)))
    @APIResponse(responseCode = "403", description = "client_id is not the API key's client",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such client",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RestResponse<WeightsView> updateWeights(JsonNode body) {
        ObjectNode update = Input.object(body);
        UUID clientId = caller.clientFor(Input.clientId(update));
        String userId = Input.userId(update);
        WeightValues values = Input.values(update, WeightValues.class);
        WeightsVersion version = weights.update(clientId, userId, values, caller.name());
        return RestResponse.ResponseBuilder.ok(WeightsView.of(version)).tag(Conditional.tag(version.id)).build();
    }

    /** One version as listed: who wrote it and when, without its values (GET /weights/{id} has them). */
    @Schema(name = "WeightsVersionSummary")
    public record VersionSummary(
            @Schema(required = true) UUID id,
            @Schema(nullable = true, description = "The user it applies to; null for client-wide versions") String userId,
            @Schema(required = true, description = "update (written through POST /weights) or system_default", examples = "update")
            String origin,
            @Schema(required = true, description = "The administrator's user name or the API key's name", examples = "admin")
            String createdBy,
            @Schema(required = true) OffsetDateTime createdAt) {
    }

    @Schema(name = "WeightsVersionList")
    public record VersionList(List<VersionSummary> versions, Paging.MetaCounts metaCounts) {
    }

    @GET
    @Path("versions")
    @Operation(operationId = "weightsVersionList", summary = "List the client's versions of the weights, newest first",
            description = "Every version the client (or, with user_id, one of its users) ever had: the history the "
                    + "console shows and diffs. Paged with take (1-100, default 20) and skip.")
    @APIResponse(responseCode = "200", description = "A page of versions")
    @APIResponse(responseCode = "400", description = "Invalid client_id, user_id, take or skip; or an administrator "
            + "named no client_id", content = @Content(mediaType = Problem.MEDIA_TYPE,
                    schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such client",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public VersionList listWeightsVersions(
            @Parameter(description = CLIENT_ID_DOC) @QueryParam("client_id") String clientId,
            @Parameter(description = USER_ID_DOC + "; absent: every version of the client") @QueryParam("user_id") String userId,
            @Parameter(description = "Page size, 1-100 (default 20)") @QueryParam("take") Integer take,
            @Parameter(description = "Versions to skip (default 0)") @QueryParam("skip") Integer skip) {
        Paging paging = Paging.of(take, skip);
        WeightsService.Page page = weights.versions(caller.clientFor(Input.clientIdParam(clientId)),
                Input.userIdParam(userId), paging);
        List<VersionSummary> items = page.versions().stream().map(v -> new VersionSummary(v.id, v.userId, v.origin,
                v.createdBy, v.createdAt)).toList();
        return new VersionList(items, paging.counts(items.size(), page.total()));
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Get a version of the weights by id",
            description = "Any version the client ever had, unchanged: the historical lookup for a session's "
                    + "idv_weights_id. Another client's version is not found.")
    @APIResponse(responseCode = "200", description = "The version")
    @APIResponse(responseCode = "304", description = "The caller holds this version already (If-None-Match)")
    @APIResponse(responseCode = "404", description = "No version of this id belongs to the client",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RestResponse<WeightsView> getWeightsById(
            @Parameter(description = "The version id") @PathParam("id") UUID id,
            @Parameter(description = CLIENT_ID_DOC) @QueryParam("client_id") String clientId,
            @Context Request request) {
        WeightsVersion version = weights.version(caller.clientFor(Input.clientIdParam(clientId)), id);
        return Conditional.answer(request, Conditional.tag(version.id), Conditional.IMMUTABLE,
                WeightsView.of(version));
    }

    static final String UPDATE_EXAMPLE = """
            {"user_id": "customer-8812",
             "onboarding_face_encoding_tolerance": 0.5, "verified_account_face_encoding_tolerance": 0.5,
             "driver_license_fuzzy_match_tolerance": 0.2, "driver_license_fuzzy_match_weight": 1,
             "state_id_fuzzy_match_tolerance": 0.2, "state_id_fuzzy_match_weight": 1,
             "passport_fuzzy_match_tolerance": 0.2, "passport_fuzzy_match_weight": 1,
             "passport_card_fuzzy_match_tolerance": 0.2, "passport_card_fuzzy_match_weight": 1,
             "ofac_fuzzy_match_tolerance": 0.15, "ofac_fuzzy_match_weight": 1,
             "suspicious_words_weight": 1, "image_manipulation_weight": 1, "online_duplication_weight": 1,
             "is_identity_document_weight": 1, "aamva_match_tolerance": 0.1, "aamva_match_weight": 1,
             "idv_session_tolerance": 0.3, "minimum_liveness_tolerance": 0.5, "passive_active_skip_tolerance": 0.9,
             "gender_probability_tolerance": 0.8, "gender_weight": 0.5, "expression_tolerance": 0.5,
             "age_tolerance": 10, "age_weight": 0.5, "direction_tolerance": 20}""";

    static final String INVALID_EXAMPLE = """
            {"type": "https://verity.io/problems/invalid_field", "title": "Bad Request", "status": 400,
             "detail": "age_tolerance: must be between 0 and 100, was 120", "instance": "/weights",
             "code": "invalid_field", "request_id": "5b0c6c1e-8d7e-4d3c-9a43-0f1f5e2b7d10", "field": "age_tolerance"}""";
}
