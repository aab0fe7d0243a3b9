package io.verity.idv.rest;

import io.verity.sessions.domain.Document;
import io.verity.idv.domain.Session;
import io.verity.idv.domain.SessionFile;
import io.verity.sessions.images.FileTypes;
import io.verity.idv.service.ImageStore;
import io.verity.idv.service.SessionService;
import io.verity.platform.error.ProblemException;
import io.verity.platform.security.Caller;
import io.verity.platform.security.Roles;
import io.verity.platform.web.Paging;
import io.verity.sessions.audit.BiometricAudit;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import io.verity.sessions.sdk.Ids;

/** A session's document and its images, for the owning client only (x-api-key). */
@Path("/v1/documents")
@RolesAllowed(Roles.CLIENT)
@SecurityRequirement(name = "ApiKeyAuth")
@Tag(name = "IDV documents")
@Consumes(MediaType.APPLICATION_JSON)
public class DocumentResource {

    @Inject
    SessionService sessions;

    @Inject
    ImageStore images;

    @Inject
    Caller caller;

    @Inject
    BiometricAudit audit;

    @POST
    @Path("read")
    @Transactional
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "documentRead", summary = "The session's document",
            description = "Fields read from the document are null until document reading lands.")
    public Views.DocumentView read(Views.SessionIdRequest body) {
        ProblemException.requireBody(body);
        Session s = sessions.read(caller.clientId(), Ids.session(body.sessionId()));
        Document d = Document.<Document>find("sessionId = ?1 and clientId = ?2", s.id, s.clientId).firstResultOptional()
                .orElseThrow(() -> ProblemException.notFound("document of session " + s.id));
        audit.read(s.clientId, "api_key:" + caller.name(), "documentRead", "document", d.id, null);
        return view(d);
    }

    @POST
    @Path("list")
    @Transactional
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "documentList", summary = "The session's documents")
    public Views.DocumentList list(Views.DocumentListRequest body) {
        ProblemException.requireBody(body);
        Paging paging = Paging.of(body.take(), body.skip());
        Session s = sessions.read(caller.clientId(), Ids.session(body.sessionId()));
        var query = Document.<Document>find("sessionId = ?1 and clientId = ?2 order by createdAt", s.id, s.clientId);
        List<Document> documents = query.range(paging.skip(), paging.skip() + paging.take() - 1).list();
        documents.forEach(d -> audit.read(s.clientId, "api_key:" + caller.name(), "documentList", "document", d.id, null));
        List<Views.DocumentView> page = documents.stream().map(DocumentResource::view).toList();
        return new Views.DocumentList(page, paging.counts(page.size(), query.count()));
    }

    @POST
    @Path("download")
    @Transactional
    @Produces({"image/jpeg", "image/png", "image/webp", MediaType.APPLICATION_JSON})
    @RolesAllowed({Roles.CLIENT, Roles.ADMIN, Roles.REVIEWER})
    @SecurityRequirement(name = "ApiKeyAuth")
    @SecurityRequirement(name = "AdminBearer")
    @Operation(operationId = "documentDownload", summary = "One image of the session, decrypted, in its own format")
    @APIResponse(responseCode = "200", description = "The image",
            content = {@Content(mediaType = "image/jpeg", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING, format = "binary")),
                @Content(mediaType = "image/png", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING, format = "binary")),
                @Content(mediaType = "image/webp", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING, format = "binary"))})
    public Response download(Views.DocumentDownloadRequest body) {
        ProblemException.requireBody(body);
        if (body.storageFileTypeE() == null || !FileTypes.ALL.contains(body.storageFileTypeE())) {
            throw ProblemException.invalidField("storage_file_type_e", "must be one of " + FileTypes.ALL);
        }
        Session s = sessions.read(caller.clientFor(body.clientId()), Ids.session(body.sessionId()));
        SessionFile file = SessionFile.of(s.clientId, s.id, body.storageFileTypeE())
                .orElseThrow(() -> ProblemException.notFound(body.storageFileTypeE() + " of session " + s.id));
        audit.read(s.clientId, caller.actor(), "documentDownload", "idv_session_file", file.id, file.fileType);
        return Response.ok(images.read(file), file.contentType)
                .header("Content-Disposition", "attachment; filename=\"" + file.fileType + "." + file.contentType.substring(6) + "\"")
                .header("Cache-Control", "no-store")
                .build();
    }

    static Views.DocumentView view(Document d) {
        return new Views.DocumentView(d.sessionId, d.id, d.type, d.dataSource, d.documentNumber, d.refNumber,
                str(d.issuedAt), str(d.expiresAt), d.issuingCountry, d.issuingState, d.firstName, d.middleName, d.lastName,
                d.nameSuffix, d.street, d.city, d.state, d.postalCode, str(d.birthDate), d.gender, d.height, d.weight,
                d.eyeColor, d.hairColor, d.documentClass, d.restrictions);
    }

    private static String str(Object value) {
        return value == null ? null : value.toString();
    }
}
