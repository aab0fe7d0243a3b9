package io.verity.idv.rest;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.verity.idv.domain.Capture;
import io.verity.idv.domain.Session;
import io.verity.idv.domain.SessionEvent;
import io.verity.idv.service.SessionHistory;
import io.verity.idv.service.SessionService;
import io.verity.idv.service.checks.CheckResult;
import io.verity.platform.error.Problem;
import io.verity.platform.error.ProblemException;
import io.verity.platform.security.Caller;
import io.verity.platform.security.Roles;
import io.verity.platform.web.Paging;
import io.verity.sessions.liveness.LivenessFacts;
import io.verity.sessions.sdk.Ids;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The customer's backend (x-api-key): create, list and read sessions, their test results and capture locations. */
@Path("/v1/sessions")
@RolesAllowed(Roles.CLIENT)
@SecurityRequirement(name = "ApiKeyAuth")
@Tag(name = "IDV sessions")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class SessionResource {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(SessionResource.class);

    private static final Set<String> CAPTURE_TYPES = Set.of("front_doc_image_capture", "back_doc_image_capture",
            "selfie_image_capture");

    @Inject
    SessionService sessions;

    @Inject
    SessionHistory history;

    @Inject
    SessionViews views;

    @Inject
    SessionQuery query;

    @Inject
    Caller caller;

    @Inject
    ObjectMapper json;

    @POST
    @Operation(operationId = "sessionCreate", summary = "Create a session for the SDK",
            description = "Answers the session id and the client id the SDK sends as X-Client-Id. `webhook_url` must "
                    + "be a public http(s) URL (400 outbound_refused otherwise).")
    public Views.SessionCreated create(Views.SessionCreateRequest body) {
        Views.SessionCreateRequest r = body == null ? new Views.SessionCreateRequest(null, null, null, null) : body;
        UUID clientId = caller.clientId();
        Session s = sessions.create(clientId, "api_key:" + caller.name(), r.metadata(), r.livenessMode(), r.webhookUrl(), r.settings());
        return new Views.SessionCreated(s.id, s.clientId);
    }

    @POST
    @Path("list")
    @Transactional
    @RolesAllowed({Roles.CLIENT, Roles.ADMIN, Roles.REVIEWER})
    @SecurityRequirement(name = "ApiKeyAuth")
    @SecurityRequirement(name = "AdminBearer")
    @Operation(operationId = "sessionList", summary = "The client's sessions, newest first, with every filter of the spec")
    public Views.SessionList list(Views.SessionListRequest body) {
        Views.SessionListRequest r = body == null
                ? new Views.SessionListRequest(null, null, null, null, null, null, null, null, null, null) : body;
        Paging paging = Paging.of(r.take(), r.skip());
        List<UUID> named = new java.util.ArrayList<>();
        for (String requested : SessionQuery.strings(r.clientId(), "client_id")) {
            try {
                named.add(UUID.fromString(requested));
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalidField("client_id", "'" + requested + "' is not a client id");
            }
        }
        // an API key: its own client (403 for another's id); an operator: the one client it names
        UUID clientId = caller.clientFor(named.isEmpty() ? null : named.get(0));
        for (UUID id : named) {
            if (!id.equals(caller.clientFor(id)) || !id.equals(clientId)) {
                throw ProblemException.invalidField("client_id", "an operator lists the sessions of one client at a time");
            }
        }
        SessionQuery.Page page = query.run(clientId, r, paging);
        List<Views.SessionSummary> items = page.sessions().stream().map(views::summary).toList();
        return new Views.SessionList(items, paging.counts(items.size(), page.total()));
    }

    @POST
    @Path("read")
    @RolesAllowed({Roles.CLIENT, Roles.ADMIN, Roles.REVIEWER})
    @SecurityRequirement(name = "ApiKeyAuth")
    @SecurityRequirement(name = "AdminBearer")
    @Operation(operationId = "sessionRead", summary = "A session with its settings and its history (every call, accepted or refused)")
    public Views.SessionDetail read(Views.SessionIdRequest body) {
        ProblemException.requireBody(body);
        Session s = sessions.read(caller.clientFor(body.clientId()), Ids.session(body.sessionId()));
        return views.detail(s, history.of(s.id));
    }

    @POST
    @Path("tests/read")
    @RolesAllowed({Roles.CLIENT, Roles.ADMIN, Roles.REVIEWER})
    @SecurityRequirement(name = "ApiKeyAuth")
    @SecurityRequirement(name = "AdminBearer")
    @Operation(operationId = "sessionTestRead", summary = "The session's test results",
            description = "The spec's fields are filled from the checks performed (null where a check was not "
                    + "performed, never reported as passed). `checks` lists every check of finalization with its value, "
                    + "threshold, reason and reason code; `decision` the score, verdict and reason codes.")
    public Views.SessionTests tests(Views.SessionIdRequest body) {
        ProblemException.requireBody(body);
        Session s = sessions.read(caller.clientFor(body.clientId()), Ids.session(body.sessionId()));
        List<CheckResult> checks = s.testResults == null ? List.of() : read(s.testResults, new TypeReference<List<CheckResult>>() {
        });
        List<Views.FrameView> frames = s.livenessFacts == null ? List.of()
                : read(s.livenessFacts, new TypeReference<LivenessFacts>() {
                }).frames().stream().map(f -> new Views.FrameView(f.index(), f.fileType(), f.facesSeen(), f.liveness(),
                        f.yaw(), f.refusal())).toList();
        List<String> failed = checks.stream().filter(c -> Boolean.FALSE.equals(c.passed())).map(CheckResult::name).toList();
        java.util.Map<String, CheckResult> byName = new java.util.HashMap<>();
        checks.forEach(c -> byName.put(c.name(), c));
        java.util.Map<String, Boolean> dmv = java.util.Map.of();
        if (s.decisionInputs != null) {
            var inputs = read(s.decisionInputs, new TypeReference<io.verity.idv.service.DecisionService.Inputs>() {
            });
            if (inputs.document() != null && inputs.document().dmv() != null) {
                dmv = inputs.document().dmv();
            }
        }
        var decision = s.decision == null ? null : read(s.decision, new TypeReference<io.verity.documents.decision.Decision>() {
        });
        var matches = s.sanctionMatches == null ? null
                : read(s.sanctionMatches, new TypeReference<List<io.verity.documents.sanctions.SanctionsMatch>>() {
                });
        return new Views.SessionTests(outcome(byName, "doc_front_image_manipulation"),
                outcome(byName, "doc_front_is_identity_document"), outcome(byName, "doc_front_online_duplication"),
                outcome(byName, "doc_front_suspicious_words"), outcome(byName, "doc_back_image_manipulation"),
                outcome(byName, "doc_back_is_identity_document"), outcome(byName, "doc_back_online_duplication"),
                outcome(byName, "doc_back_suspicious_words"), dmv.get("dmv_document_number_match"),
                dmv.get("dmv_document_expiration_match"), dmv.get("dmv_document_issue_match"),
                dmv.get("dmv_document_category_match"), dmv.get("dmv_birth_date_match"), dmv.get("dmv_sex_match"),
                dmv.get("dmv_eye_color_match"), dmv.get("dmv_height_match"), dmv.get("dmv_weight_match"),
                dmv.get("dmv_first_name_match"), dmv.get("dmv_middle_name_match"), dmv.get("dmv_last_name_match"),
                dmv.get("dmv_suffix_name_match"), dmv.get("dmv_street_match"), dmv.get("dmv_city_match"),
                dmv.get("dmv_state_match"), dmv.get("dmv_postal_code_match"),
                passed(byName, "ocr_document_number_match"), passed(byName, "ocr_name_match"),
                passed(byName, "ocr_address_match"), checks, failed, frames, Views.DecisionView.of(decision), matches);
    }

    @POST
    @Path("review")
    @Transactional
    @RolesAllowed({Roles.ADMIN, Roles.REVIEWER})
    @SecurityRequirement(name = "AdminBearer")
    @Operation(operationId = "sessionReview", summary = "Approve or reject a session in review",
            description = "Verity: an operator's decision on a finalized session whose decision asks for review (a "
                    + "reason of kind review). Recorded once in the session's history with the operator's name and the "
                    + "request id, and logged; the automatic decision stays as it was, beside it.")
    @APIResponse(responseCode = "200", description = "The decision as recorded")
    @APIResponse(responseCode = "400", description = "decision is not approve or reject, the note is too long, or no client_id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such session of that client",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "not_in_review (not finalized, or its decision asks for no review) "
            + "or already_reviewed", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Views.ReviewView review(Views.ReviewRequest body) {
        ProblemException.requireBody(body);
        if (!"approve".equals(body.decision()) && !"reject".equals(body.decision())) {
            throw ProblemException.invalidField("decision", "must be approve or reject");
        }
        String note = body.note() == null ? "" : body.note().strip();
        if (note.length() > 500) {
            throw ProblemException.invalidField("note", "at most 500 characters");
        }
        Session s = sessions.read(caller.clientFor(body.clientId()), Ids.session(body.sessionId()));
        var decision = s.decision == null ? null : read(s.decision, new TypeReference<io.verity.documents.decision.Decision>() {
        });
        if (decision == null || decision.reviewScore() == 0) {
            throw new ProblemException(409, "not_in_review", "only a finalized session whose decision asks for review can be reviewed");
        }
        List<SessionEvent> earlier = history.of(s.id).stream().filter(e -> "review".equals(e.event)).toList();
        if (!earlier.isEmpty()) {
            throw new ProblemException(409, "already_reviewed", "this session was " + earlier.get(0).outcome + "d by "
                    + earlier.get(0).actor);
        }
        history.record(s, "review", "sessionReview", caller.actor(), body.decision(), note.isEmpty() ? null : note);
        LOG.infof("session %s of client %s: review %s by %s", s.id, s.clientId, body.decision(), caller.actor());
        return new Views.ReviewView(s.id, body.decision(), caller.actor(), note.isEmpty() ? null : note,
                java.time.OffsetDateTime.now());
    }

    /** A document check as the spec's string field: "passed", "failed: <reason>", or null when not performed. */
    private static String outcome(java.util.Map<String, CheckResult> checks, String name) {
        CheckResult c = checks.get(name);
        if (c == null || c.passed() == null) {
            return null;
        }
        return c.passed() ? "passed" : "failed: " + c.reason();
    }

    private static Boolean passed(java.util.Map<String, CheckResult> checks, String name) {
        CheckResult c = checks.get(name);
        return c == null ? null : c.passed();
    }

    @POST
    @Path("location/read")
    @Transactional
    @RolesAllowed({Roles.CLIENT, Roles.ADMIN, Roles.REVIEWER})
    @SecurityRequirement(name = "ApiKeyAuth")
    @SecurityRequirement(name = "AdminBearer")
    @Operation(operationId = "idvSessionLocationRead", summary = "Where a capture was made: the caller's IP and its "
            + "place (DB-IP), the device's coordinates and the nearest place (GeoNames)")
    public Views.LocationView location(Views.LocationReadRequest body) {
        ProblemException.requireBody(body);
        if (body.locationCaptureTypeE() == null || !CAPTURE_TYPES.contains(body.locationCaptureTypeE())) {
            throw ProblemException.invalidField("location_capture_type_e", "must be one of " + CAPTURE_TYPES);
        }
        Session s = sessions.read(caller.clientFor(body.clientId()), Ids.session(body.sessionId()));
        Capture c = Capture.findById(new Capture.Key(s.id, body.locationCaptureTypeE()));
        if (c == null) {
            throw ProblemException.notFound(body.locationCaptureTypeE() + " of session " + s.id);
        }
        return new Views.LocationView(c.ipAddress, c.ipLatitude, c.ipLongitude, c.ipCountry, c.ipRegion, c.ipCity,
                c.deviceLocation, c.deviceLatitude, c.deviceLongitude, c.deviceCountryName, c.deviceCountryCode,
                c.deviceAdminArea, c.deviceSubAdminArea, c.deviceLocality);
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("stored results cannot be read", e);
        }
    }
}
