package io.verity.identity.rest;

import io.quarkus.panache.common.Sort;
import io.verity.face.Analysis;
import io.verity.face.FaceEngine;
import io.verity.identity.domain.Template;
import io.verity.identity.service.GalleryIndexes;
import io.verity.identity.service.Matcher;
import io.verity.identity.service.TemplateService;
import io.verity.platform.error.ProblemException;
import io.verity.platform.security.Caller;
import io.verity.platform.security.Roles;
import io.verity.platform.web.Paging;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * Galleries of face templates for the other services (internal token): enrol, list, delete, and 1:N search.
 * Every call works only on the calling client's galleries.
 */
@Path("/internal/v1/galleries/{gallery}")
@RolesAllowed(Roles.INTERNAL)
@org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement(name = "InternalToken")
@Tag(name = "Matcher (internal)")
@Produces(MediaType.APPLICATION_JSON)
public class InternalGalleryResource {

    private static final int MAX_K = 100;

    @Inject
    TemplateService templates;

    @Inject
    GalleryIndexes indexes;

    @Inject
    Matcher matcher;

    @Inject
    Caller caller;

    public record EnrollBody(String image, String subjectId) {
    }

    public record SearchBody(String image, Integer k, Float threshold) {
    }

    public record TemplateView(UUID templateId, String gallery, String subjectId, String model, float faceSize,
            float sharpness, OffsetDateTime createdAt) {
        static TemplateView of(Template t) {
            return new TemplateView(t.id, t.gallery, t.subjectId, t.model, t.faceSize, t.sharpness, t.createdAt);
        }
    }

    public record EnrollView(UUID templateId, String gallery, String subjectId, OffsetDateTime createdAt,
            FaceViews.FaceView face) {
    }

    public record TemplateList(List<TemplateView> templates, Paging.MetaCounts metaCounts) {
    }

    public record SearchHit(String subjectId, UUID templateId, float similarity) {
    }

    public record SearchResult(int facesSeen, float threshold, int gallerySize, List<SearchHit> results) {
    }

    @POST
    @Path("templates")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(operationId = "enrollTemplate", summary = "Enrol the one face of `image` as a template of `subject_id`",
            description = "Multipart, or JSON with `image` as base64. 422 multiple_faces when the photo shows more than one face, face_too_blurred or face_turned_too_far when it would make a template that misses its person (limits in docs/face-engine.md).")
    @APIResponse(responseCode = "201", description = "Enrolled", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = EnrollView.class), examples = @ExampleObject(name = "enrolled", value = ENROLLED_EXAMPLE)))
    public Response enroll(@PathParam("gallery") String gallery, @RestForm("image") FileUpload image,
            @RestForm("subject_id") String subjectId) {
        return enrolled(templates.enroll(caller.clientId(), gallery, subjectId, ImageInput.fromUpload(image, "image")));
    }

    @POST
    @Path("templates")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "enrollTemplate", summary = "Enrol the one face of `image` as a template of `subject_id`",
            description = "Multipart, or JSON with `image` as base64. 422 multiple_faces when the photo shows more than one face, face_too_blurred or face_turned_too_far when it would make a template that misses its person (limits in docs/face-engine.md).")
    @APIResponse(responseCode = "201", description = "Enrolled", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = EnrollView.class), examples = @ExampleObject(name = "enrolled", value = ENROLLED_EXAMPLE)))
    public Response enrollJson(@PathParam("gallery") String gallery, EnrollBody body) {
        ProblemException.requireBody(body);
        return enrolled(templates.enroll(caller.clientId(), gallery, body.subjectId(), ImageInput.fromBase64(body.image(), "image")));
    }

    @GET
    @Path("templates")
    @Transactional
    @Operation(operationId = "listTemplates", summary = "The gallery's templates (never their embeddings), oldest first; filter by `subject_id`")
    public TemplateList list(@PathParam("gallery") String gallery, @QueryParam("subject_id") String subjectId,
            @QueryParam("take") Integer take, @QueryParam("skip") Integer skip) {
        TemplateService.requireGallery(gallery);
        Paging paging = Paging.of(take, skip);
        UUID clientId = caller.clientId();
        var query = subjectId == null
                ? Template.<Template>find("clientId = ?1 and gallery = ?2 and deletedAt is null", Sort.by("createdAt"), clientId, gallery)
                : Template.<Template>find("clientId = ?1 and gallery = ?2 and subjectId = ?3 and deletedAt is null",
                        Sort.by("createdAt"), clientId, gallery, subjectId);
        List<TemplateView> page = query.range(paging.skip(), paging.skip() + paging.take() - 1).list()
                .stream().map(TemplateView::of).toList();
        return new TemplateList(page, paging.counts(page.size(), query.count()));
    }

    @DELETE
    @Path("templates/{templateId}")
    @Operation(operationId = "deleteTemplate", summary = "Delete a template; its encrypted embedding is erased at once")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Response delete(@PathParam("gallery") String gallery, @PathParam("templateId") UUID templateId) {
        if (!templates.delete(caller.clientId(), gallery, templateId)) {
            throw ProblemException.notFound("template " + templateId);
        }
        return Response.noContent().build();
    }

    @DELETE
    @Path("subjects/{subjectId}")
    @Operation(operationId = "deleteSubjectTemplates", summary = "Delete every template of a subject")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Response deleteSubject(@PathParam("gallery") String gallery, @PathParam("subjectId") String subjectId) {
        int deleted = templates.deleteSubject(caller.clientId(), gallery, subjectId);
        if (deleted == 0) {
            throw ProblemException.notFound("subject " + subjectId + " in gallery " + gallery);
        }
        return Response.noContent().build();
    }

    @POST
    @Path("search")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(operationId = "searchGallery", summary = "The top `k` subjects (default 10) whose similarity to the photo's largest face is at least "
            + "`threshold` (default: the matcher's), best first", description = "Multipart, or JSON with `image` as base64.")
    public SearchResult search(@PathParam("gallery") String gallery, @RestForm("image") FileUpload image,
            @RestForm("k") Integer k, @RestForm("threshold") Float threshold) {
        return search(gallery, ImageInput.fromUpload(image, "image"), k, threshold);
    }

    @POST
    @Path("search")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "searchGallery", summary = "The top `k` subjects (default 10) whose similarity to the photo's largest face is at least "
            + "`threshold` (default: the matcher's), best first", description = "Multipart, or JSON with `image` as base64.")
    public SearchResult searchJson(@PathParam("gallery") String gallery, SearchBody body) {
        ProblemException.requireBody(body);
        return search(gallery, ImageInput.fromBase64(body.image(), "image"), body.k(), body.threshold());
    }

    private SearchResult search(String gallery, byte[] image, Integer k, Float threshold) {
        TemplateService.requireGallery(gallery);
        int limit = k == null ? 10 : k;
        if (limit < 1 || limit > MAX_K) {
            throw ProblemException.invalidField("k", "must be between 1 and " + MAX_K);
        }
        float min = Thresholds.orDefault(threshold, matcher.defaultThreshold());
        UUID clientId = caller.clientId();
        Analysis analysis = matcher.analyze(clientId, image, FaceEngine.Detail.MATCH);
        List<SearchHit> hits = indexes.search(clientId, gallery, analysis.subject().embedding(), limit, min).stream()
                .map(m -> new SearchHit(m.subjectId(), m.templateId(), m.similarity())).toList();
        return new SearchResult(analysis.facesSeen(), min, indexes.size(clientId, gallery), hits);
    }

    static final String ENROLLED_EXAMPLE = "{\"template_id\":\"9a52c0f7-5f44-4c8e-a10a-6f4f2f3f9c11\",\"gallery\":"
            + "\"verified-identities\",\"subject_id\":\"5c0f7a10-5f44-4c8e-9a52-6f4f2f3f9c11\",\"created_at\":"
            + "\"2026-04-01T10:00:00Z\",\"face\":{\"box\":{\"x1\":120.5,\"y1\":80.2,\"x2\":260.1,\"y2\":250.7},"
            + "\"detector_score\":0.99,\"landmarks\":[[150.1,140.2]],\"quality\":{\"face_size\":139.6,\"sharpness\":310.2},"
            + "\"liveness\":null,\"age\":null,\"gender\":null,\"expression\":null}}";

    private static Response enrolled(TemplateService.Enrolled enrolled) {
        Template t = enrolled.template();
        return Response.status(201)
                .entity(new EnrollView(t.id, t.gallery, t.subjectId, t.createdAt, FaceViews.of(enrolled.face())))
                .build();
    }
}
