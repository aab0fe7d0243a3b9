package io.verity.ida.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.verity.ida.domain.IdaCapture;
import io.verity.ida.domain.IdaSession;
import io.verity.ida.service.IdaHistory;
import io.verity.ida.service.IdaSessions;
import io.verity.platform.error.ProblemException;
import io.verity.platform.security.Caller;
import io.verity.platform.security.Roles;
import io.verity.platform.web.Paging;
import io.verity.sessions.sdk.Ids;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The customer's backend (x-api-key): create, list and read identity authentication sessions and their capture place. */
@Path("/ida/sessions")
@RolesAllowed(Roles.CLIENT)
@SecurityRequirement(name = "ApiKeyAuth")
@Tag(name = "IDA sessions")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class IdaSessionResource {

    private static final Set<String> STATUSES = Set.of("in_progress", "complete", "temporarily_blocked",
            "temporarily_complete", "expired");

    @Inject
    IdaSessions sessions;

    @Inject
    IdaHistory history;

    @Inject
    SessionViews views;

    @Inject
    Caller caller;

    @Inject
    EntityManager entityManager;

    @Inject
    ObjectMapper json;

    @POST
    @Operation(operationId = "identityAuthenticationSessionCreate", summary = "Create an authentication session for a verified identity",
            description = "404 for an identity that is not the caller's, 409 identity_not_verified or identity_erased. "
                    + "Answers the session id and the client id the SDK sends as X-Client-Id.")
    public Views.SessionCreated create(Views.SessionCreateRequest body) {
        ProblemException.requireBody(body);
        IdaSession s = sessions.create(caller.clientId(), "api_key:" + caller.name(), body.identityId(), body.metadata(),
                body.livenessMode(), body.webhookUrl(), body.settings());
        return new Views.SessionCreated(s.id, s.clientId);
    }

    @POST
    @Path("list")
    @Transactional
    @Operation(operationId = "sessionList", summary = "The client's IDA sessions, newest first, with every filter of the spec",
            description = "`verified` filters on whether the session authenticated.")
    public Views.SessionList list(Views.SessionListRequest body) {
        Views.SessionListRequest r = body == null
                ? new Views.SessionListRequest(null, null, null, null, null, null, null, null, null, null, null) : body;
        Paging paging = Paging.of(r.take(), r.skip());
        Filters.ownClientOnly(caller, r.clientId());
        Filters f = new Filters("client_id", caller.clientId());
        if (r.status() != null && !"unknown".equals(r.status())) {
            if (!STATUSES.contains(r.status())) {
                throw ProblemException.invalidField("status", "must be one of " + STATUSES + " or unknown");
            }
            f.and("status = :status", "status", r.status());
        }
        List<String> identities = Filters.strings(r.identityId(), "identity_id");
        if (!identities.isEmpty()) {
            f.and("identity_id IN (:identities)", "identities", Filters.uuids(identities, "identity_id"));
        }
        List<String> users = Filters.strings(r.userId(), "user_id");
        if (!users.isEmpty()) {
            f.and("user_id IN (:users)", "users", users);
        }
        if (r.verified() != null) {
            f.and(r.verified() ? "authenticated IS TRUE" : "authenticated IS NOT TRUE", null, null);
        }
        if (r.startDate() != null && !r.startDate().isBlank()) {
            f.and("created_at >= :start", "start", Filters.instant(r.startDate(), "start_date", false));
        }
        if (r.endDate() != null && !r.endDate().isBlank()) {
            f.and("created_at < :end", "end", Filters.instant(r.endDate(), "end_date", true));
        }
        if (r.metadata() != null && !r.metadata().isEmpty()) {
            f.and("metadata @> CAST(:metadata AS jsonb)", "metadata", Filters.metadata(json, r.metadata()));
        }
        if (r.searchTerm() != null && !r.searchTerm().isBlank()) {
            f.and("(CAST(id AS text) ILIKE :term OR CAST(identity_id AS text) ILIKE :term OR user_id ILIKE :term"
                    + " OR EXISTS (SELECT 1 FROM jsonb_each_text(metadata) m WHERE m.value ILIKE :term))", "term",
                    Filters.term(r.searchTerm()));
        }
        long total = f.count(entityManager, "ida.sessions");
        @SuppressWarnings("unchecked")
        List<IdaSession> page = f.bind(entityManager.createNativeQuery("SELECT * FROM ida.sessions" + f.where()
                        + " ORDER BY created_at DESC, id LIMIT :take OFFSET :skip", IdaSession.class))
                .setParameter("take", paging.take()).setParameter("skip", paging.skip()).getResultList();
        List<Views.SessionSummary> items = page.stream().map(views::summary).toList();
        return new Views.SessionList(items, paging.counts(items.size(), total));
    }

    @POST
    @Path("read")
    @Transactional
    @Operation(operationId = "sessionRead", summary = "An IDA session with its settings and history (every call, accepted or refused)")
    public Views.SessionDetail read(Views.SessionIdRequest body) {
        ProblemException.requireBody(body);
        IdaSession s = sessions.read(caller.clientId(), Ids.session(body.sessionId()));
        return views.detail(s, history.of(s.id));
    }

    @POST
    @Path("location/read")
    @Transactional
    @Operation(operationId = "idaSessionLocationRead", summary = "Where the selfie was captured: the caller's IP and its "
            + "place (DB-IP), the device's coordinates and the nearest place (GeoNames)",
            description = "An IDA session has one capture, selfie_image_capture; other types are 404.")
    public Views.LocationView location(Views.LocationReadRequest body) {
        ProblemException.requireBody(body);
        Set<String> types = Set.of("unknown", "front_doc_image_capture", "back_doc_image_capture", "selfie_image_capture");
        if (body.locationCaptureTypeE() == null || !types.contains(body.locationCaptureTypeE())) {
            throw ProblemException.invalidField("location_capture_type_e", "must be one of " + types);
        }
        IdaSession s = sessions.read(caller.clientId(), Ids.session(body.sessionId()));
        IdaCapture c = IdaCapture.findById(s.id);
        if (c == null || !IdaCapture.SELFIE.equals(body.locationCaptureTypeE())) {
            throw ProblemException.notFound(body.locationCaptureTypeE() + " of session " + s.id);
        }
        return new Views.LocationView(c.ipAddress, c.ipLatitude, c.ipLongitude, c.ipCountry, c.ipRegion, c.ipCity,
                c.deviceLocation, c.deviceLatitude, c.deviceLongitude, c.deviceCountryName, c.deviceCountryCode,
                c.deviceAdminArea, c.deviceSubAdminArea, c.deviceLocality);
    }

}
