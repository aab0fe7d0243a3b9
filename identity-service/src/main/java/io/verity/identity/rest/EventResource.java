package io.verity.identity.rest;

import io.quarkus.panache.common.Sort;
import io.verity.identity.domain.Activity;
import io.verity.identity.domain.Attendee;
import io.verity.identity.domain.Event;
import io.verity.identity.service.EventService;
import io.verity.identity.service.GalleryIndexes;
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
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Events of the calling client (x-api-key): create, list, read, change, delete; and their identification log. */
@Path("/events")
@RolesAllowed(Roles.CLIENT)
@SecurityRequirement(name = "ApiKeyAuth")
@Tag(name = "Events")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class EventResource {

    @Inject
    EventService events;

    @Inject
    GalleryIndexes indexes;

    @Inject
    Caller caller;

    @Inject
    io.verity.identity.service.MetadataJson metadataJson;

    public record EventView(UUID id, String name, String description, String location, OffsetDateTime startsAt,
            OffsetDateTime endsAt, Float matchThreshold, Map<String, Object> metadata,
            @Schema(description = "Attendees registered") long attendees,
            @Schema(description = "Attendee faces this replica can search now (equals attendees once it has caught up)")
            int facesIndexed,
            OffsetDateTime createdAt, OffsetDateTime updatedAt) {
    }

    public record EventList(List<EventView> events, Paging.MetaCounts metaCounts) {
    }

    public record ActivityView(UUID id, OffsetDateTime occurredAt, String result, String reason, UUID attendeeId,
            @Schema(description = "Similarity of a match; null for no_match and refused (near misses are never kept)")
            Float similarity, Integer facesSeen,
            @Schema(description = "Prefix of the API key that made the attempt", example = "vty_abcdefghijkl") String apiKey,
            @Schema(description = "The gate's camera (header X-Camera-Id), if it named one", example = "gate-1") String camera,
            String requestId) {
        static ActivityView of(Activity a) {
            return new ActivityView(a.id, a.occurredAt, a.result, a.reason, a.attendeeId,
                    Activity.MATCHED.equals(a.result) ? a.similarity : null, a.facesSeen, a.source, a.camera, a.requestId);
        }
    }

    public record ActivityList(List<ActivityView> activities, Paging.MetaCounts metaCounts) {
    }

    @POST
    @APIResponse(responseCode = "201", description = "Created", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = EventView.class), examples = @ExampleObject(name = "event", value = EVENT_EXAMPLE)))
    @Operation(operationId = "createEvent", summary = "Create an event", description = "`match_threshold` (cosine similarity) overrides the matcher's "
            + "default for this event's gate.")
    public Response create(@org.eclipse.microprofile.openapi.annotations.parameters.RequestBody(content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EventService.EventFields.class),
            examples = @ExampleObject(name = "event", value = EVENT_REQUEST))) EventService.EventFields body) {
        Event event = events.create(caller.clientId(), body);
        return Response.status(201).entity(view(event)).build();
    }

    @GET
    @Transactional
    @Operation(operationId = "listEvents", summary = "List events, newest first; `search` matches the name")
    public EventList list(@QueryParam("take") Integer take, @QueryParam("skip") Integer skip, @QueryParam("search") String search) {
        Paging paging = Paging.of(take, skip);
        UUID clientId = caller.clientId();
        var query = search == null || search.isBlank()
                ? Event.<Event>find("clientId", Sort.descending("createdAt"), clientId)
                : Event.<Event>find("clientId = ?1 and lower(name) like ?2", Sort.descending("createdAt"), clientId,
                        "%" + search.toLowerCase().replace("%", "\\%").replace("_", "\\_") + "%");
        List<EventView> page = query.range(paging.skip(), paging.skip() + paging.take() - 1).list().stream()
                .map(this::view).toList();
        return new EventList(page, paging.counts(page.size(), query.count()));
    }

    @GET
    @Path("{eventId}")
    @Transactional
    @Operation(operationId = "getEvent", summary = "Read an event")
    public EventView get(@PathParam("eventId") UUID eventId) {
        Event event = Event.ofClient(caller.clientId(), eventId).orElseThrow(() -> ProblemException.notFound("event " + eventId));
        return view(event);
    }

    @PATCH
    @Path("{eventId}")
    @Operation(operationId = "updateEvent", summary = "Change an event: fields left out stay as they are")
    public EventView update(@PathParam("eventId") UUID eventId, EventService.EventFields body) {
        return view(events.update(caller.clientId(), eventId, body));
    }

    @DELETE
    @Path("{eventId}")
    @Operation(operationId = "deleteEvent", summary = "Delete an event with its attendees, their face templates and its identification log")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Response delete(@PathParam("eventId") UUID eventId) {
        events.delete(caller.clientId(), eventId);
        return Response.noContent().build();
    }

    @GET
    @Path("{eventId}/activities")
    @Transactional
    @Operation(operationId = "listEventActivities", summary = "Every identification attempt at the event, newest first (matched, no_match, refused)",
            description = "Each names the API key that made it and, separately, the gate's camera. `similarity` only for matches.")
    public ActivityList activities(@PathParam("eventId") UUID eventId, @QueryParam("take") Integer take,
            @QueryParam("skip") Integer skip) {
        UUID clientId = caller.clientId();
        Event.ofClient(clientId, eventId).orElseThrow(() -> ProblemException.notFound("event " + eventId));
        Paging paging = Paging.of(take, skip);
        var query = Activity.<Activity>find("clientId = ?1 and eventId = ?2", Sort.descending("occurredAt"), clientId, eventId);
        List<ActivityView> page = query.range(paging.skip(), paging.skip() + paging.take() - 1).list()
                .stream().map(ActivityView::of).toList();
        return new ActivityList(page, paging.counts(page.size(), query.count()));
    }

    static final String EVENT_REQUEST = "{\"name\":\"Annual meeting\",\"description\":\"Members only\","
            + "\"location\":\"Hall A\",\"starts_at\":\"2026-05-10T08:00:00Z\",\"ends_at\":\"2026-05-10T18:00:00Z\","
            + "\"match_threshold\":0.4,\"metadata\":{\"room\":\"A1\"}}";
    static final String EVENT_EXAMPLE = "{\"id\":\"0b6c1c52-5a5e-4f0e-9d59-3f3b8d8a2f11\",\"name\":\"Annual meeting\","
            + "\"description\":\"Members only\",\"location\":\"Hall A\",\"starts_at\":\"2026-05-10T08:00:00Z\","
            + "\"ends_at\":\"2026-05-10T18:00:00Z\",\"match_threshold\":0.4,\"metadata\":{\"room\":\"A1\"},"
            + "\"attendees\":0,\"faces_indexed\":0,\"created_at\":\"2026-04-01T10:00:00Z\",\"updated_at\":\"2026-04-01T10:00:00Z\"}";

    private EventView view(Event e) {
        long attendees = io.quarkus.narayana.jta.QuarkusTransaction.joiningExisting().call(() -> Attendee.count("eventId", e.id));
        Map<String, Object> metadata = metadataJson.read(e.metadata);
        return new EventView(e.id, e.name, e.description, e.location, e.startsAt, e.endsAt, e.matchThreshold, metadata,
                attendees, indexes.size(e.clientId, e.gallery()), e.createdAt, e.updatedAt);
    }
}
