package io.verity.ida.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.verity.sessions.domain.Document;
import io.verity.ida.domain.IdvSessionFile;
import io.verity.ida.domain.IdvSessionView;
import io.verity.ida.service.Erasure;
import io.verity.ida.service.Identities;
import io.verity.ida.service.Images;
import io.verity.platform.error.ProblemException;
import io.verity.platform.identities.Identity;
import io.verity.platform.security.Caller;
import io.verity.platform.security.Roles;
import io.verity.platform.web.Paging;
import io.verity.sessions.audit.BiometricAudit;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The client's verified identities (x-api-key): list, read, status, the completed document and the images of the IDV
 * session that verified them (decrypted, owner only, every read audited), and erasure.
 */
@Path("/identities")
@RolesAllowed(Roles.CLIENT)
@SecurityRequirement(name = "ApiKeyAuth")
@Tag(name = "Identities")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class IdentityResource {

    static final Set<String> DOCUMENT_TYPES = Set.of("unknown", "driver_license", "identification_card", "passport", "passport_card");
    static final int MAX_IDS = 100;

    @Inject
    Caller caller;

    @Inject
    EntityManager entityManager;

    @Inject
    ObjectMapper json;

    @Inject
    Images images;

    @Inject
    BiometricAudit audit;

    @Inject
    Erasure erasure;

    @POST
    @Path("list")
    @Transactional
    @Operation(operationId = "listIdentities", summary = "The client's identities, newest first, with the spec's filters",
            description = "`metadata` matches the metadata of the IDV session that verified the identity; `user_id` its external id.")
    public Views.IdentityList list(Views.IdentityListRequest body) {
        Views.IdentityListRequest r = body == null ? new Views.IdentityListRequest(null, null, null, null, null, null, null, null) : body;
        Paging paging = Paging.of(r.take(), r.skip());
        Filters.ownClientOnly(caller, r.clientId());
        Filters f = new Filters("client_id", caller.clientId());
        List<String> users = Filters.strings(r.userId(), "user_id");
        if (!users.isEmpty()) {
            f.and("external_user_id IN (:users)", "users", users);
        }
        if (r.startDate() != null && !r.startDate().isBlank()) {
            f.and("created_at >= :start", "start", Filters.instant(r.startDate(), "start_date", false));
        }
        if (r.endDate() != null && !r.endDate().isBlank()) {
            f.and("created_at < :end", "end", Filters.instant(r.endDate(), "end_date", true));
        }
        if (r.metadata() != null && !r.metadata().isEmpty()) {
            f.and(metadataFilter(), "metadata", Filters.metadata(json, r.metadata()));
        }
        if (r.searchTerm() != null && !r.searchTerm().isBlank()) {
            f.and("(CAST(id AS text) ILIKE :term OR external_user_id ILIKE :term OR first_name ILIKE :term"
                    + " OR middle_name ILIKE :term OR last_name ILIKE :term OR email ILIKE :term OR phone ILIKE :term)",
                    "term", Filters.term(r.searchTerm()));
        }
        long total = f.count(entityManager, "core.identities i");
        @SuppressWarnings("unchecked")
        List<Identity> page = f.bind(entityManager.createNativeQuery("SELECT * FROM core.identities i" + f.where()
                        + " ORDER BY created_at DESC, id LIMIT :take OFFSET :skip", Identity.class))
                .setParameter("take", paging.take()).setParameter("skip", paging.skip()).getResultList();
        List<Views.IdentitySummary> items = page.stream().map(this::summary).toList();
        return new Views.IdentityList(items, paging.counts(items.size(), total));
    }

    @POST
    @Path("read")
    @Transactional
    @Operation(operationId = "readIdentities", summary = "One or many identities (identity_id and/or identity_ids, at most 100)",
            description = "Ids of other clients or unknown ids are left out; none found is a 404.")
    public Views.IdentitiesRead read(Views.IdentityReadRequest body) {
        ProblemException.requireBody(body);
        Set<String> wanted = new LinkedHashSet<>(Filters.strings(body.identityId(), "identity_id"));
        if (body.identityIds() != null) {
            wanted.addAll(Filters.strings(body.identityIds(), "identity_ids"));
        }
        if (wanted.isEmpty()) {
            throw ProblemException.invalidField("identity_id", "identity_id or identity_ids is required");
        }
        if (wanted.size() > MAX_IDS) {
            throw ProblemException.invalidField("identity_ids", "at most " + MAX_IDS + " ids");
        }
        List<UUID> ids = new ArrayList<>();
        for (String w : wanted) {
            try {
                ids.add(UUID.fromString(w.strip()));
            } catch (IllegalArgumentException e) {
                // not an id we could have issued: not found, like another client's
            }
        }
        Filters f = new Filters("client_id", caller.clientId()).and("id IN (:ids)", "ids", ids.isEmpty() ? List.of(new UUID(0, 0)) : ids);
        if (body.metadata() != null && !body.metadata().isEmpty()) {
            f.and(metadataFilter(), "metadata", Filters.metadata(json, body.metadata()));
        }
        @SuppressWarnings("unchecked")
        List<Identity> found = f.bind(entityManager.createNativeQuery("SELECT * FROM core.identities i" + f.where()
                + " ORDER BY created_at DESC, id", Identity.class)).getResultList();
        if (found.isEmpty()) {
            throw ProblemException.notFound("identity " + String.join(", ", wanted));
        }
        List<Views.IdentityView> views = found.stream().map(this::view).toList();
        Views.IdentityView v = views.get(0);
        return new Views.IdentitiesRead(views, v.identityId(), v.createdAt(), v.firstName(), v.middleName(), v.lastName(),
                v.suffixName(), v.birthDate(), v.genderE(), v.street(), v.city(), v.state(), v.postalCode(),
                v.documentFrontGiven(), v.documentFrontGivenAt(), v.verified(), v.verifiedAt(), v.livenessDetected(),
                v.livenessDetectedAt(), v.ofacStatusE(), v.ofacDetectedAt(), v.dmvStatusE(), v.dmvDetectedAt(), v.score());
    }

    @POST
    @Path("sdk/status")
    @Transactional
    @Operation(operationId = "getIdentityStatusForSdk", summary = "Whether an identity is verified (and can authenticate)",
            description = "false when its biometric data was erased by retention: it must verify again.")
    public Views.IdentityStatus status(Views.IdentityIdRequest body) {
        ProblemException.requireBody(body);
        Identity i = identity(body.identityId());
        return new Views.IdentityStatus(i.verified && !Identities.biometricsErased(entityManager, i.id));
    }

    @POST
    @Path("document/read")
    @Transactional
    @Operation(operationId = "readCompletedIdentityDocument", summary = "The document of that type the identity verified with",
            description = "Audited (core.biometric_reads). 404 when the identity verified with no document of that type.")
    public Views.DocumentView document(Views.DocumentReadRequest body) {
        ProblemException.requireBody(body);
        if (body.documentTypeE() == null || !DOCUMENT_TYPES.contains(body.documentTypeE())) {
            throw ProblemException.invalidField("document_type_e", "must be one of " + DOCUMENT_TYPES);
        }
        Identity i = identity(body.identityId());
        Document d = Document.<Document>find("clientId = ?1 and type = ?2 and sessionId in "
                        + "(select s.id from IdvSessionView s where s.clientId = ?1 and s.identityId = ?3 and s.verified = true) "
                        + "order by createdAt desc", i.clientId, body.documentTypeE(), i.id)
                .firstResultOptional()
                .orElseThrow(() -> ProblemException.notFound(body.documentTypeE() + " document of identity " + i.id));
        audit.read(i.clientId, actor(), "readCompletedIdentityDocument", "document", d.id, null);
        return new Views.DocumentView(d.id, d.type, d.dataSource, d.documentNumber, text(d.issuedAt), text(d.expiresAt),
                d.refNumber, d.issuingCountry, d.issuingState, text(d.birthDate), d.gender == null ? "unknown" : d.gender,
                d.firstName, d.middleName, d.lastName, d.nameSuffix, d.street, d.city, d.state, d.postalCode, d.height,
                d.weight, d.eyeColor, d.hairColor);
    }

    @POST
    @Path("image/read")
    @Transactional
    @Produces({"image/jpeg", "image/png", "image/webp", MediaType.APPLICATION_JSON})
    @Operation(operationId = "readIdentityImage", summary = "An image of the IDV session that verified the identity, decrypted",
            description = "In its own media type, Cache-Control: no-store. Audited (core.biometric_reads: who, when, "
                    + "which image). 404 when that image is not kept (never given, or erased).")
    @APIResponse(responseCode = "200", description = "The image", content = {
        @Content(mediaType = "image/jpeg", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING, format = "binary")),
        @Content(mediaType = "image/png", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING, format = "binary")),
        @Content(mediaType = "image/webp", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING, format = "binary"))})
    public Response image(Views.ImageReadRequest body) {
        ProblemException.requireBody(body);
        if (body.storageFileTypeE() == null || !List.of(Views.FILE_TYPES).contains(body.storageFileTypeE())) {
            throw ProblemException.invalidField("storage_file_type_e", "must be one of " + List.of(Views.FILE_TYPES));
        }
        Identity i = identity(body.identityId());
        IdvSessionFile file = IdvSessionFile.<IdvSessionFile>find("clientId = ?1 and fileType = ?2 and sessionId in "
                        + "(select s.id from IdvSessionView s where s.clientId = ?1 and s.identityId = ?3 and s.verified = true) "
                        + "order by createdAt desc", i.clientId, body.storageFileTypeE(), i.id)
                .firstResultOptional()
                .orElseThrow(() -> ProblemException.notFound(body.storageFileTypeE() + " image of identity " + i.id));
        byte[] bytes = images.read(file);
        audit.read(i.clientId, actor(), "readIdentityImage", "idv_session_file", file.id, file.fileType);
        StreamingOutput stream = out -> out.write(bytes);
        return Response.ok(stream, file.contentType).header("Cache-Control", "no-store")
                .header("Content-Length", bytes.length).build();
    }

    @DELETE
    @Path("{identityId}")
    @Operation(operationId = "deleteIdentity", summary = "Verity: erase an identity and its biometric data (BIPA, GDPR)",
            description = "Its face templates in every gallery (events included), the images and documents of its IDV "
                    + "sessions, its IDA sessions' frames and biometric facts, and the identity itself. An audit record "
                    + "(core.erasures: ids and counts, nothing biometric) remains. 503 when the matcher cannot be reached "
                    + "(nothing is erased; retry).")
    public Views.Erased delete(@PathParam("identityId") String identityId) {
        UUID id = Identities.parse(identityId);
        Map<String, Object> counts = erasure.eraseIdentity(caller.clientId(), id, Erasure.REQUEST, actor());
        return new Views.Erased(id, counts);
    }

    private static String metadataFilter() {
        return "EXISTS (SELECT 1 FROM idv.sessions s WHERE s.identity_id = i.id AND s.client_id = i.client_id"
                + " AND s.metadata @> CAST(:metadata AS jsonb))";
    }

    private Identity identity(String identityId) {
        UUID id = Identities.parse(identityId);
        return Identity.ofClient(caller.clientId(), id).orElseThrow(() -> ProblemException.notFound("identity " + id));
    }

    private String actor() {
        return "api_key:" + caller.name();
    }

    private Views.IdentitySummary summary(Identity i) {
        IdvSessionView v = IdvSessionView.verifying(i.clientId, i.id).orElse(null);
        OffsetDateTime lastAuthenticated = (OffsetDateTime) entityManager.createNativeQuery("SELECT max(completed_at) FROM "
                + "ida.sessions WHERE client_id = ?1 AND identity_id = ?2 AND authenticated").setParameter(1, i.clientId)
                .setParameter(2, i.id).getSingleResult();
        OffsetDateTime last = lastAuthenticated == null || (i.verifiedAt != null && i.verifiedAt.isAfter(lastAuthenticated))
                ? i.verifiedAt : lastAuthenticated;
        return new Views.IdentitySummary(i.id, i.createdAt, i.externalUserId, i.firstName, i.middleName, i.lastName,
                i.nameSuffix, text(i.birthDate), i.email, i.phone, v == null ? null : v.completedAt,
                v != null && v.documentFrontGivenAt != null, v == null ? null : v.documentFrontGivenAt,
                v == null ? null : v.livenessDetected, v == null ? null : v.livenessDetectedAt, ofac(v),
                v == null || v.onSanctionList == null ? null : v.completedAt, "unknown", null, i.verified, i.verifiedAt,
                last, v == null ? null : v.score);
    }

    private Views.IdentityView view(Identity i) {
        IdvSessionView v = IdvSessionView.verifying(i.clientId, i.id).orElse(null);
        return new Views.IdentityView(i.id, i.createdAt, i.firstName, i.middleName, i.lastName, i.nameSuffix,
                text(i.birthDate), i.gender == null ? "unknown" : i.gender, i.street, i.city, i.state, i.postalCode,
                v != null && v.documentFrontGivenAt != null, v == null ? null : v.documentFrontGivenAt, i.verified,
                i.verifiedAt, v == null ? null : v.livenessDetected, v == null ? null : v.livenessDetectedAt, ofac(v),
                v == null || v.onSanctionList == null ? null : v.completedAt, "unknown", null, v == null ? null : v.score);
    }

    /** unknown until screened; Verity: match or clear once screened. */
    private static String ofac(IdvSessionView v) {
        return v == null || v.onSanctionList == null ? "unknown" : v.onSanctionList ? "match" : "clear";
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
