package io.verity.idv.rest;

import io.verity.idv.domain.KairosRequest;
import io.verity.idv.service.DecisionService;
import io.verity.sessions.images.ImageCheck;
import io.verity.idv.service.KairosData;
import io.verity.idv.service.KairosService;
import io.verity.platform.error.ProblemException;
import io.verity.platform.security.Caller;
import io.verity.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeIn;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirementsSet;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.security.SecuritySchemes;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * Kairos's full ID verification: a selfie and a document in, an asynchronous decision with reason codes out. Requests
 * are queued in PostgreSQL ({@link KairosService}); clients poll as the spec describes (4 s, then 2 s more each time).
 */
@Path("/v0.2/full-id-verification")
@RolesAllowed(Roles.CLIENT)
@SecuritySchemes({
        @SecurityScheme(securitySchemeName = "KairosAppId", type = SecuritySchemeType.APIKEY, in = SecuritySchemeIn.HEADER,
                apiKeyName = "app-id", description = "The client id (app_id is read too)"),
        @SecurityScheme(securitySchemeName = "KairosAppKey", type = SecuritySchemeType.APIKEY, in = SecuritySchemeIn.HEADER,
                apiKeyName = "app-key", description = "An API key of that client (app_key is read too)")})
@SecurityRequirementsSet({@SecurityRequirement(name = "KairosAppId"), @SecurityRequirement(name = "KairosAppKey")})
@Tag(name = "Full ID verification (Kairos)")
@Produces(MediaType.APPLICATION_JSON)
public class KairosResource {

    static final DateTimeFormatter WIRE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @Schema(name = "KairosSubmitted")
    public record Submitted(@Schema(example = "fca044bd-a6a7-4a4a-bc11-ecd012ec7af3") String apiReqUid) {
    }

    @Schema(name = "KairosResult", description = "response_code null while queued, 1 with response_data when decided, "
            + "0 with error when the images could not be processed after verity.documents.kairos.max-attempts tries")
    public record Result(@Schema(example = "fca044bd-a6a7-4a4a-bc11-ecd012ec7af3") String apiReqUid,
            @Schema(example = "2024-04-01 19:08:26") String processedAt,
            @Schema(example = "2024-04-01 19:08:21") String requestedAt,
            @Schema(nullable = true, example = "1") Integer responseCode,
            @Schema(nullable = true) KairosData responseData,
            @Schema(nullable = true, description = "Verity: why processing failed (response_code 0)") String error) {
    }

    @Inject
    KairosService kairos;

    @Inject
    ImageCheck images;

    @Inject
    DecisionService decisions;

    @Inject
    Caller caller;

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(operationId = "submitVerificationRequest", summary = "Submit a selfie and a document for verification",
            description = "Multipart: selfie (300-5000 px), document (240-5000 px), optional document_back (240-5000 "
                    + "px), optional profile (optimal-v0). JPEG, PNG or WebP. Answers the id to poll.")
    @APIResponse(responseCode = "200", description = "Queued",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Submitted.class)))
    @APIResponse(responseCode = "413", description = "An image file or its pixels exceed the limits")
    @APIResponse(responseCode = "415", description = "Not a JPEG, PNG or WebP image")
    @APIResponse(responseCode = "400", description = "A missing image or an unknown profile")
    @APIResponse(responseCode = "422", description = "An image out of the spec's pixel limits")
    public Submitted submit(
            @RestForm("selfie") @Schema(type = SchemaType.STRING, format = "binary") FileUpload selfie,
            @RestForm("document") @Schema(type = SchemaType.STRING, format = "binary") FileUpload document,
            @RestForm("document_back") @Schema(type = SchemaType.STRING, format = "binary") FileUpload documentBack,
            @RestForm("profile") @Schema(defaultValue = "optimal-v0") String profile) {
        String chosen = profile == null || profile.isBlank() ? "optimal-v0" : profile.strip();
        if (!KairosService.PROFILES.contains(chosen)) {
            throw ProblemException.invalidField("profile", "must be one of " + KairosService.PROFILES);
        }
        KairosService.Images checked = new KairosService.Images(checked(selfie, "selfie", 300),
                checked(document, "document", 240), documentBack == null || documentBack.size() == 0 ? null
                        : checked(documentBack, "document_back", 240));
        Object requestId = MDC.get("requestId");
        UUID id = kairos.submit(caller.clientId(), checked, chosen, requestId == null ? null : requestId.toString());
        return new Submitted(id.toString());
    }

    @GET
    @Path("{uuid}")
    @Transactional
    @Operation(operationId = "getVerificationResults", summary = "The verification's result, once decided")
    @APIResponse(responseCode = "200", description = "Queued (response_code null) or decided (response_code 1)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Result.class)))
    @APIResponse(responseCode = "404", description = "No such request of this client")
    public Result read(@PathParam("uuid") String uuid) {
        UUID id;
        try {
            id = UUID.fromString(uuid);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("verification request " + uuid);
        }
        KairosRequest r = KairosRequest.ofClient(caller.clientId(), id)
                .orElseThrow(() -> ProblemException.notFound("verification request " + uuid));
        Integer code = switch (r.status) {
            case KairosRequest.DONE -> 1;
            case KairosRequest.FAILED -> 0;
            default -> null;
        };
        return new Result(r.id.toString(), wire(r.processedAt), wire(r.requestedAt), code,
                r.result == null ? null : decisions.read(r.result, KairosData.class), r.error);
    }

    private ImageCheck.Checked checked(FileUpload upload, String field, int minimum) {
        if (upload == null || upload.size() == 0) {
            throw ProblemException.invalidField(field, "an image file is required (multipart part '" + field + "')");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(upload.uploadedFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the uploaded " + field, e);
        }
        ImageCheck.Checked image = images.check(bytes, field);
        if (Math.min(image.width(), image.height()) < minimum) {
            throw new ProblemException(422, "image_too_small", field + ": " + image.width() + "x" + image.height()
                    + " pixels; at least " + minimum + " px are required", Map.of("field", field));
        }
        if (Math.max(image.width(), image.height()) > 5000) {
            throw new ProblemException(422, "image_side_too_long", field + ": " + image.width() + "x" + image.height()
                    + " pixels; at most 5000 px are accepted", Map.of("field", field));
        }
        return image;
    }

    private static String wire(OffsetDateTime t) {
        return t == null ? null : t.atZoneSameInstant(ZoneOffset.UTC).format(WIRE);
    }
}
