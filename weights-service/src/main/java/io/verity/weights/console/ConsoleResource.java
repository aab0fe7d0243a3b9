package io.verity.weights.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.verity.platform.security.Roles;
import io.verity.weights.console.ConsoleApi.Answer;
import io.verity.weights.domain.RecordFields;
import io.verity.weights.domain.WeightValues;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.logging.Logger;

/**
 * The admin console's pages (server-rendered Qute, no script; docs/adr/0019-admin-console.md). Signed in through
 * the {@code console} OIDC tenant (authorization code flow with PKCE); every page names the roles that may open it,
 * and every call it makes goes to a service's API with the user's own access token, so the services' checks apply.
 * HTML for people, not an API: left out of the OpenAPI document ({@code mp.openapi.scan.exclude.packages}).
 */
@Path("/console")
@Produces(MediaType.TEXT_HTML)
public class ConsoleResource {

    private static final Logger LOG = Logger.getLogger(ConsoleResource.class);
    /** idv-service's storage_file_type_e of a document's sides, by document_type_e (the spec's names). */
    private static final Map<String, List<String>> DOCUMENT_IMAGES = Map.of(
            "driver_license", List.of("driver_license_front", "driver_license_back"),
            "identification_card", List.of("state_id_card_front", "state_id_card_back"),
            "passport", List.of("passport_front"),
            "passport_card", List.of("passport_card_front", "passport_card_back"));
    private static final java.util.Set<String> IMAGE_TYPES = java.util.Set.of("driver_license_front",
            "driver_license_back", "state_id_card_front", "state_id_card_back", "passport_front", "passport_card_front",
            "passport_card_back", "selfie");

    @Inject
    ConsoleApi api;

    @Inject
    SecurityIdentity identity;

    @Location("console/home.html")
    Template home;

    @Location("console/client.html")
    Template client;

    @Location("console/weights.html")
    Template weights;

    @Location("console/diff.html")
    Template diff;

    @Location("console/sessions.html")
    Template sessions;

    @Location("console/session.html")
    Template session;

    @Location("console/error.html")
    Template error;

    // ---------------------------------------------------------------- home: the clients

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.REVIEWER})
    @Operation(operationId = "consoleHome", summary = "Console: the clients, with links to their sessions and weights")
    public TemplateInstance home(@QueryParam("skip") Integer skip) {
        Answer clients = api.get(api.weightsUrl() + "/admin/clients?take=50&skip=" + Math.max(0, skip == null ? 0 : skip));
        if (!clients.ok()) {
            return page(error, "Clients").data("message", clients.problem());
        }
        return page(home, "Clients").data("clients", api.tree(clients.body().path("clients")))
                .data("counts", api.tree(clients.body().path("meta_counts")));
    }

    @POST
    @Path("clients")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "consoleCreateClient", summary = "Console: create a client (form), then show it")
    public Response createClient(MultivaluedMap<String, String> form) {
        Answer created = api.post(api.weightsUrl() + "/admin/clients", Map.of("name", Objects.toString(form.getFirst("name"), "")));
        if (!created.ok()) {
            return Response.status(created.status()).entity(page(error, "Clients").data("message", created.problem())).build();
        }
        return seeOther("/console/clients/" + created.body().path("id").asText());
    }

    // ---------------------------------------------------------------- a client and its API keys

    @GET
    @Path("clients/{clientId}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "consoleClient", summary = "Console: a client and its API keys")
    public Response client(@PathParam("clientId") UUID clientId) {
        return clientPage(clientId, null, 200);
    }

    @POST
    @Path("clients/{clientId}/keys")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "consoleIssueKey", summary = "Console: issue an API key and show it this once")
    public Response issueKey(@PathParam("clientId") UUID clientId, MultivaluedMap<String, String> form) {
        Answer issued = api.post(api.weightsUrl() + "/admin/clients/" + clientId + "/api-keys",
                Map.of("name", Objects.toString(form.getFirst("name"), "")));
        if (!issued.ok()) {
            return clientPage(clientId, issued.problem(), issued.status());
        }
        return clientPage(clientId, null, 201, issued.body().path("key").asText(), issued.body().path("name").asText());
    }

    @POST
    @Path("clients/{clientId}/keys/{keyId}/revoke")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "consoleRevokeKey", summary = "Console: revoke an API key")
    public Response revokeKey(@PathParam("clientId") UUID clientId, @PathParam("keyId") UUID keyId) {
        Answer revoked = api.delete(api.weightsUrl() + "/admin/clients/" + clientId + "/api-keys/" + keyId);
        if (!revoked.ok()) {
            return clientPage(clientId, revoked.problem(), revoked.status());
        }
        return seeOther("/console/clients/" + clientId + "?revoked=" + keyId);
    }

    private Response clientPage(UUID clientId, String problem, int status) {
        return clientPage(clientId, problem, status, null, null);
    }

    private Response clientPage(UUID clientId, String problem, int status, String newKey, String newKeyName) {
        Answer found = api.get(api.weightsUrl() + "/admin/clients/" + clientId);
        if (!found.ok()) {
            return Response.status(found.status()).entity(page(error, "Client").data("message", found.problem())).build();
        }
        Answer keys = api.get(api.weightsUrl() + "/admin/clients/" + clientId + "/api-keys?take=100");
        return Response.status(status).entity(page(client, "Client " + found.body().path("name").asText())
                .data("client", api.tree(found.body()))
                .data("keys", keys.ok() ? api.tree(keys.body().path("api_keys")) : List.of())
                .data("problem", problem)
                .data("newKey", newKey)
                .data("newKeyName", newKeyName)).build();
    }

    // ---------------------------------------------------------------- weights: edit, versions, diff

    /** One field of the weights form: its name, value and the range the API accepts. */
    public record WeightField(String name, String value, double minimum, double maximum) {
    }

    @GET
    @Path("weights")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "consoleWeights", summary = "Console: a client's weights in force, the form to change them and their versions")
    public Response weights(@QueryParam("client_id") UUID clientId, @QueryParam("saved") UUID saved) {
        if (clientId == null) {
            return seeOther("/console");
        }
        return weightsPage(clientId, null, null, saved, 200);
    }

    @POST
    @Path("weights")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "consoleUpdateWeights", summary = "Console: write a new version of a client's weights (form)")
    public Response updateWeights(MultivaluedMap<String, String> form) {
        UUID clientId = uuid(form.getFirst("client_id"));
        if (clientId == null) {
            return seeOther("/console");
        }
        Map<String, Object> update = new LinkedHashMap<>();
        update.put("client_id", clientId.toString());
        for (RecordFields.Field field : RecordFields.of(WeightValues.class)) {
            String raw = Objects.toString(form.getFirst(field.name()), "").trim();
            update.put(field.name(), number(raw));
        }
        Answer written = api.post(api.weightsUrl() + "/weights", update);
        if (!written.ok()) {
            return weightsPage(clientId, written.problem(), written.body().path("field").asText(null), null, written.status());
        }
        LOG.infof("console: %s wrote weights version %s for client %s", identity.getPrincipal().getName(),
                written.body().path("id").asText(), clientId);
        return seeOther("/console/weights?client_id=" + clientId + "&saved=" + written.body().path("id").asText());
    }

    @GET
    @Path("weights/diff")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "consoleWeightsDiff", summary = "Console: the fields that differ between two versions of a client's weights")
    public Response weightsDiff(@QueryParam("client_id") UUID clientId, @QueryParam("a") UUID a, @QueryParam("b") UUID b) {
        if (clientId == null || a == null || b == null) {
            return Response.status(400).entity(page(error, "Compare versions")
                    .data("message", "choose two versions to compare")).build();
        }
        Answer left = api.get(api.weightsUrl() + "/weights/" + a + "?client_id=" + clientId);
        Answer right = api.get(api.weightsUrl() + "/weights/" + b + "?client_id=" + clientId);
        for (Answer answer : List.of(left, right)) {
            if (!answer.ok()) {
                return Response.status(answer.status()).entity(page(error, "Compare versions").data("message", answer.problem())).build();
            }
        }
        List<Map<String, Object>> changes = new ArrayList<>();
        for (RecordFields.Field field : RecordFields.of(WeightValues.class)) {
            JsonNode before = left.body().path(field.name());
            JsonNode after = right.body().path(field.name());
            if (!before.equals(after)) {
                changes.add(Map.of("name", field.name(), "before", before.asText(), "after", after.asText()));
            }
        }
        return Response.ok(page(diff, "Compare versions").data("clientId", clientId)
                .data("a", api.tree(left.body())).data("b", api.tree(right.body())).data("changes", changes)).build();
    }

    private Response weightsPage(UUID clientId, String problem, String badField, UUID saved, int status) {
        Answer current = api.get(api.weightsUrl() + "/weights?client_id=" + clientId);
        if (!current.ok()) {
            return Response.status(current.status()).entity(page(error, "Weights").data("message", current.problem())).build();
        }
        Answer versions = api.get(api.weightsUrl() + "/weights/versions?take=50&client_id=" + clientId);
        Answer owner = api.get(api.weightsUrl() + "/admin/clients/" + clientId);
        List<WeightField> fields = RecordFields.of(WeightValues.class).stream()
                .map(f -> new WeightField(f.name(), current.body().path(f.name()).asText(), f.minimum(), f.maximum()))
                .toList();
        return Response.status(status).entity(page(weights, "Weights")
                .data("clientId", clientId)
                .data("clientName", owner.ok() ? owner.body().path("name").asText() : clientId.toString())
                .data("current", api.tree(current.body()))
                .data("fields", fields)
                .data("versions", versions.ok() ? api.tree(versions.body().path("versions")) : List.of())
                .data("problem", problem)
                .data("badField", badField)
                .data("saved", saved)).build();
    }

    // ---------------------------------------------------------------- sessions (idv-service)

    @GET
    @Path("sessions")
    @RolesAllowed({Roles.ADMIN, Roles.REVIEWER})
    @Operation(operationId = "consoleSessions", summary = "Console: a client's sessions with the spec's filters")
    public Response sessions(@QueryParam("client_id") UUID clientId, @QueryParam("status") String status,
            @QueryParam("search_term") String searchTerm, @QueryParam("start_date") String startDate,
            @QueryParam("end_date") String endDate, @QueryParam("skip") Integer skip) {
        if (clientId == null) {
            return seeOther("/console");
        }
        Map<String, Object> filters = new LinkedHashMap<>();
        filters.put("client_id", clientId.toString());
        filters.put("take", 25);
        filters.put("skip", Math.max(0, skip == null ? 0 : skip));
        putIfPresent(filters, "status", status);
        putIfPresent(filters, "search_term", searchTerm);
        putIfPresent(filters, "start_date", startDate);
        putIfPresent(filters, "end_date", endDate);
        Answer list = api.post(api.idvUrl() + "/v1/sessions/list", filters);
        Answer owner = api.get(api.weightsUrl() + "/admin/clients/" + clientId);
        int from = (Integer) filters.get("skip");
        long total = list.body().path("meta_counts").path("total").asLong(0);
        int shown = list.body().path("sessions").size();
        return Response.status(list.ok() ? 200 : list.status()).entity(page(sessions, "Sessions")
                .data("clientId", clientId)
                .data("clientName", owner.ok() ? owner.body().path("name").asText() : clientId.toString())
                .data("filters", filters)
                .data("statuses", List.of("in_progress", "complete", "temporarily_blocked", "temporarily_complete", "expired"))
                .data("sessions", list.ok() ? api.tree(list.body().path("sessions")) : List.of())
                .data("counts", list.ok() ? api.tree(list.body().path("meta_counts")) : Map.of())
                .data("newer", from > 0 ? Math.max(0, from - 25) : null)
                .data("older", list.ok() && from + shown < total ? from + 25 : null)
                .data("problem", list.ok() ? null : list.problem())).build();
    }

    @GET
    @Path("sessions/{sessionId}")
    @RolesAllowed({Roles.ADMIN, Roles.REVIEWER})
    @Operation(operationId = "consoleSession", summary = "Console: a session with its images, checks, score, reason codes, history and capture locations")
    public Response session(@PathParam("sessionId") UUID sessionId, @QueryParam("client_id") UUID clientId,
            @QueryParam("decided") String decided) {
        if (clientId == null) {
            return seeOther("/console");
        }
        Map<String, Object> ask = Map.of("session_id", sessionId.toString(), "client_id", clientId.toString());
        Answer detail = api.post(api.idvUrl() + "/v1/sessions/read", ask);
        if (!detail.ok()) {
            return Response.status(detail.status()).entity(page(error, "Session").data("message", detail.problem())).build();
        }
        Answer tests = api.post(api.idvUrl() + "/v1/sessions/tests/read", ask);
        List<Map<String, Object>> places = new ArrayList<>();
        for (String capture : List.of("front_doc_image_capture", "back_doc_image_capture", "selfie_image_capture")) {
            Answer where = api.post(api.idvUrl() + "/v1/sessions/location/read", Map.of("session_id", sessionId.toString(),
                    "client_id", clientId.toString(), "location_capture_type_e", capture));
            if (where.ok()) {
                places.addAll(WorldMap.points(capture, where.body()));
            }
        }
        return Response.ok(page(session, "Session " + sessionId)
                .data("clientId", clientId)
                .data("s", api.tree(detail.body()))
                .data("tests", tests.ok() ? api.tree(tests.body()) : Map.of())
                .data("checks", tests.ok() ? api.tree(tests.body().path("checks")) : List.of())
                .data("places", places)
                .data("outline", WorldMap.OUTLINE)
                .data("images", images(detail.body()))
                .data("decided", decided)).build();
    }

    @GET
    @Path("sessions/{sessionId}/images/{type}")
    @Produces({"image/jpeg", "image/png", "image/webp", MediaType.APPLICATION_OCTET_STREAM})
    @RolesAllowed({Roles.ADMIN, Roles.REVIEWER})
    @Operation(operationId = "consoleSessionImage", summary = "Console: one image of a session, passed on from idv-service's documentDownload")
    public Response image(@PathParam("sessionId") UUID sessionId, @PathParam("type") String type,
            @QueryParam("client_id") UUID clientId) {
        if (clientId == null || !IMAGE_TYPES.contains(type)) {
            return Response.status(404).build();
        }
        var answer = api.bytes(api.idvUrl() + "/v1/documents/download", Map.of("session_id", sessionId.toString(),
                "client_id", clientId.toString(), "storage_file_type_e", type));
        if (answer.statusCode() != 200) {
            return Response.status(answer.statusCode() == 403 ? 403 : 404).build();
        }
        return Response.ok(answer.body())
                .type(answer.headers().firstValue("Content-Type").orElse(MediaType.APPLICATION_OCTET_STREAM))
                .header("Cache-Control", "private, no-store").build();
    }

    @POST
    @Path("sessions/{sessionId}/review")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed({Roles.ADMIN, Roles.REVIEWER})
    @Operation(operationId = "consoleSessionReview", summary = "Console: approve or reject a session in review (idv-service's sessionReview)")
    public Response review(@PathParam("sessionId") UUID sessionId, MultivaluedMap<String, String> form) {
        UUID clientId = uuid(form.getFirst("client_id"));
        if (clientId == null) {
            return seeOther("/console");
        }
        Answer decided = api.post(api.idvUrl() + "/v1/sessions/review", Map.of("session_id", sessionId.toString(),
                "client_id", clientId.toString(), "decision", Objects.toString(form.getFirst("decision"), ""),
                "note", Objects.toString(form.getFirst("note"), "")));
        if (!decided.ok()) {
            return Response.status(decided.status()).entity(page(error, "Review").data("message", decided.problem())).build();
        }
        return seeOther("/console/sessions/" + sessionId + "?client_id=" + clientId + "&decided="
                + URLEncoder.encode(decided.body().path("decision").asText(), StandardCharsets.UTF_8));
    }

    // ---------------------------------------------------------------- helpers

    private TemplateInstance page(Template template, String title) {
        return template.data("title", title)
                .data("user", identity.getPrincipal().getName())
                .data("admin", identity.hasRole(Roles.ADMIN));
    }

    /** The images a session has been given: its document's sides and the selfie. */
    private static List<String> images(JsonNode session) {
        List<String> types = new ArrayList<>();
        List<String> sides = DOCUMENT_IMAGES.getOrDefault(session.path("document_type_e").asText(), List.of());
        if (!sides.isEmpty() && session.path("document_front_given").asBoolean()) {
            types.add(sides.get(0));
        }
        if (sides.size() > 1 && session.path("document_back_given").asBoolean()) {
            types.add(sides.get(1));
        }
        if (session.path("selfie_given").asBoolean()) {
            types.add("selfie");
        }
        return types;
    }

    private static Response seeOther(String path) {
        return Response.seeOther(URI.create(path)).build();
    }

    private static void putIfPresent(Map<String, Object> map, String key, String value) {
        if (value != null && !value.isBlank()) {
            map.put(key, value.strip());
        }
    }

    private static UUID uuid(String raw) {
        try {
            return raw == null ? null : UUID.fromString(raw.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A form's number as a number for the API, or the text itself (the API answers 400 invalid_field for it). */
    private static Object number(String raw) {
        try {
            return new java.math.BigDecimal(raw);
        } catch (NumberFormatException e) {
            return raw;
        }
    }
}
