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
            Float similarity, Integer facesSeen, String source, String requestId) {
        static ActivityView of(Activity a) {
            return new ActivityView(a.id, a.occurredAt, a.result, a.reason, a.attendeeId, a.similarity, a.facesSeen,
                    a.source, a.requestId);
        }
    }

    public record ActivityList(List<ActivityView> activities, Paging.MetaCounts metaCounts) {
    }

    @POST
    @Operation(summary = "Create an event", description = "`match_threshold` (cosine similarity) overrides the matcher's "
            + "default for this event's gate.")
    public Response create(EventService.EventFields body) {
        Event event = events.create(caller.clientId(), body);
        return Response.status(201).entity(view(event)).build();
    }

    @GET
    @Transactional
    @Operation(summary = "List events, newest first; `search` matches the name")
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
    @Operation(summary = "Read an event")
    public EventView get(@PathParam("eventId") UUID eventId) {
        Event event = Event.ofClient(caller.clientId(), eventId).orElseThrow(() -> ProblemException.notFound("event " + eventId));
        return view(event);
    }

    @PATCH
    @Path("{eventId}")
    @Operation(summary = "Change an event: fields left out stay as they are")
    public EventView update(@PathParam("eventId") UUID eventId, EventService.EventFields body) {
        return view(events.update(caller.clientId(), eventId, body));
    }

    @DELETE
    @Path("{eventId}")
    @Operation(summary = "Delete an event with its attendees, their face templates and its identification log")
    public Response delete(@PathParam("eventId") UUID eventId) {
        events.delete(caller.clientId(), eventId);
        return Response.noContent().build();
    }

    @GET
    @Path("{eventId}/activities")
    @Transactional
    @Operation(summary = "Every identification attempt at the event, newest first (matched, no_match, refused)")
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

    private EventView view(Event e) {
        long attendees = io.quarkus.narayana.jta.QuarkusTransaction.joiningExisting().call(() -> Attendee.count("eventId", e.id));
        Map<String, Object> metadata = metadataJson.read(e.metadata);
        return new EventView(e.id, e.name, e.description, e.location, e.startsAt, e.endsAt, e.matchThreshold, metadata,
                attendees, indexes.size(e.clientId, e.gallery()), e.createdAt, e.updatedAt);
    }
}
