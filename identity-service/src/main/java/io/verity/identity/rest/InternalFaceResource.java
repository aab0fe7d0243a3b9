package io.verity.identity.rest;

import io.verity.face.Analysis;
import io.verity.face.FaceEngine;
import io.verity.identity.service.Matcher;
import io.verity.identity.service.TemplateService;
import io.verity.platform.error.ProblemException;
import io.verity.platform.security.Caller;
import io.verity.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * The matcher's 1:1 API for the other services (internal token): analyse a photo, compare two faces.
 * Images come as multipart parts or as base64 in JSON.
 */
@Path("/internal/v1/faces")
@RolesAllowed(Roles.INTERNAL)
@org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement(name = "InternalToken")
@Tag(name = "Matcher (internal)")
@Produces(MediaType.APPLICATION_JSON)
public class InternalFaceResource {

    @Inject
    Matcher matcher;

    @Inject
    TemplateService templates;

    @Inject
    Caller caller;

    public record ImageBody(String image) {
    }

    public record CompareBody(String imageA, String imageB, String image, UUID templateId, Float threshold) {
    }

    public record Comparison(float similarity, boolean match, float threshold, int facesSeenA, Integer facesSeenB,
            UUID templateId) {
    }

    @POST
    @Path("analyze")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(operationId = "analyzeFaces", summary = "Every face of a photo: box, landmarks, quality, liveness, age, gender, expression",
            description = "`detail=match` computes only what matching needs (faster). 415 unsupported_format, "
                    + "413 too_large, 422 no_face or face_too_small.")
    public FaceViews.AnalysisView analyze(@RestForm("image") FileUpload image,
            @QueryParam("detail") @DefaultValue("full") String detail) {
        return analyze(ImageInput.fromUpload(image, "image"), detail);
    }

    @POST
    @Path("analyze")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "analyzeFaces", summary = "Every face of a photo: box, landmarks, quality, liveness, age, gender, expression",
            description = "Multipart `image`, or JSON with `image` as base64.")
    public FaceViews.AnalysisView analyzeJson(ImageBody body, @QueryParam("detail") @DefaultValue("full") String detail) {
        return analyze(ImageInput.fromBase64(body == null ? null : body.image(), "image"), detail);
    }

    @POST
    @Path("compare")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(operationId = "compareFaces", summary = "Similarity of the largest face of `image_a` to that of `image_b`, or to template `template_id`")
    public Comparison compare(@RestForm("image_a") FileUpload imageA, @RestForm("image_b") FileUpload imageB,
            @RestForm("template_id") UUID templateId, @RestForm("threshold") Float threshold) {
        byte[] first = ImageInput.fromUpload(imageA, "image_a");
        byte[] second = templateId == null ? ImageInput.fromUpload(imageB, "image_b") : null;
        return compare(first, second, templateId, threshold);
    }

    @POST
    @Path("compare")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "compareFaces", summary = "Similarity of the largest face of `image_a` to that of `image_b`, or to template `template_id`",
            description = "Multipart, or JSON: `image_a` + `image_b`, or `image` + `template_id` (base64 images)")
    public Comparison compareJson(CompareBody body) {
        ProblemException.requireBody(body);
        if (body.templateId() != null) {
            String image = body.image() != null ? body.image() : body.imageA();
            return compare(ImageInput.fromBase64(image, "image"), null, body.templateId(), body.threshold());
        }
        return compare(ImageInput.fromBase64(body.imageA(), "image_a"), ImageInput.fromBase64(body.imageB(), "image_b"),
                null, body.threshold());
    }

    private FaceViews.AnalysisView analyze(byte[] image, String detail) {
        FaceEngine.Detail level = switch (detail) {
            case "full" -> FaceEngine.Detail.FULL;
            case "match" -> FaceEngine.Detail.MATCH;
            default -> throw ProblemException.invalidField("detail", "must be 'full' or 'match'");
        };
        return FaceViews.of(matcher.analyze(caller.clientId(), image, level));
    }

    private Comparison compare(byte[] first, byte[] second, UUID templateId, Float threshold) {
        float limit = Thresholds.orDefault(threshold, matcher.defaultThreshold());
        UUID clientId = caller.clientId();
        Analysis a = matcher.analyze(clientId, first, FaceEngine.Detail.MATCH);
        float[] other;
        Integer facesSeenB = null;
        if (templateId != null) {
            other = templates.embedding(clientId, templateId);
        } else {
            Analysis b = matcher.analyze(clientId, second, FaceEngine.Detail.MATCH);
            other = b.subject().embedding();
            facesSeenB = b.facesSeen();
        }
        float similarity = Matcher.similarity(a.subject().embedding(), other);
        return new Comparison(similarity, similarity >= limit, limit, a.facesSeen(), facesSeenB, templateId);
    }
}
