package io.verity.identity.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.panache.common.Sort;
import io.verity.identity.domain.Attendee;
import io.verity.identity.domain.Event;
import io.verity.identity.service.AttendeeService;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * Attendees of an event (x-api-key). Each is registered with a photo (multipart, or base64 in JSON) or by linking an
 * identity the client verified; their face template goes into the event's gallery. User fields are named as in the
 * Securegate record's {@code userInfo}: userId, email, name, phone, countryCode.
 */
@Path("/events/{eventId}/attendees")
@RolesAllowed(Roles.CLIENT)
@SecurityRequirement(name = "ApiKeyAuth")
@Tag(name = "Events")
@Produces(MediaType.APPLICATION_JSON)
public class AttendeeResource {

    /** The most attendees one bulk call registers (each photo is analysed: ~0.1 s on one core). */
    static final int MAX_BULK = 100;

    @Inject
    AttendeeService attendees;

    @Inject
    Caller caller;

    @Inject
    io.verity.identity.service.MetadataJson metadataJson;

    /** One attendee in JSON: user fields plus {@code photo} (base64) or {@code identity_id}. */
    public record AttendeeBody(@JsonProperty("userId") String userId, String email, String name, String phone,
            @JsonProperty("countryCode") String countryCode, Map<String, Object> metadata, String photo,
            UUID identityId) {
        AttendeeService.AttendeeFields fields() {
            return new AttendeeService.AttendeeFields(userId, email, name, phone, countryCode, metadata);
        }
    }

    public record BulkBody(List<AttendeeBody> attendees) {
    }

    public record UserInfo(@JsonProperty("userId") String userId, String email, String name, String phone,
            @JsonProperty("countryCode") String countryCode) {
    }

    public record AttendeeView(UUID id, UUID eventId, UserInfo userInfo, UUID identityId, String qrId, UUID templateId,
            Map<String, Object> metadata, OffsetDateTime createdAt) {
    }

    public record AttendeeList(List<AttendeeView> attendees, Paging.MetaCounts metaCounts) {
    }

    public record BulkItem(int index, String status, UUID attendeeId, String code, String detail) {
    }

    public record BulkResult(int created, int failed, List<BulkItem> results) {
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(operationId = "registerAttendee", summary = "Register an attendee: multipart `photo` (one face) with "
            + "`userId`, `email`, `name`, `phone`, `countryCode`; or JSON with `photo` (base64) or `identity_id`",
            description = "422 no_face, face_too_small, multiple_faces, face_too_blurred or face_turned_too_far when the photo"
                    + " would not make a template that finds this person at the gate")
    @APIResponse(responseCode = "201", description = "Registered", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = AttendeeView.class), examples = @ExampleObject(name = "attendee", value = ATTENDEE_EXAMPLE)))
    public Response registerWithPhoto(@PathParam("eventId") UUID eventId,
            @RestForm("photo") @Schema(type = SchemaType.STRING, format = "binary") FileUpload photo,
            @RestForm("userId") String userId, @RestForm("email") String email, @RestForm("name") String name,
            @RestForm("phone") String phone, @RestForm("countryCode") String countryCode) {
        Attendee a = attendees.register(caller.clientId(), eventId,
                new AttendeeService.AttendeeFields(userId, email, name, phone, countryCode, null),
                ImageInput.fromUpload(photo, "photo"), null);
        return Response.status(201).entity(view(a)).build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "registerAttendee", summary = "Register an attendee: multipart `photo` (one face) with "
            + "`userId`, `email`, `name`, `phone`, `countryCode`; or JSON with `photo` (base64) or `identity_id`",
            description = "422 no_face, face_too_small, multiple_faces, face_too_blurred or face_turned_too_far when the photo"
                    + " would not make a template that finds this person at the gate")
    @APIResponse(responseCode = "201", description = "Registered", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = AttendeeView.class), examples = @ExampleObject(name = "attendee", value = ATTENDEE_EXAMPLE)))
    public Response register(@PathParam("eventId") UUID eventId, AttendeeBody body) {
        ProblemException.requireBody(body);
        Attendee a = attendees.register(caller.clientId(), eventId, body.fields(),
                body.photo() == null ? null : ImageInput.fromBase64(body.photo(), "photo"), body.identityId());
        return Response.status(201).entity(view(a)).build();
    }

    @POST
    @Path("bulk")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "registerAttendees", summary = "Register up to " + MAX_BULK + " attendees in one call, with a result per item",
            description = "Items are independent: a refused photo fails its own item only. Call repeatedly for more.")
    public BulkResult registerMany(@PathParam("eventId") UUID eventId, BulkBody body) {
        if (body == null || body.attendees() == null || body.attendees().isEmpty()) {
            throw ProblemException.invalidField("attendees", "a non-empty list is required");
        }
        if (body.attendees().size() > MAX_BULK) {
            throw ProblemException.invalidField("attendees", "at most " + MAX_BULK + " per call");
        }
        UUID clientId = caller.clientId();
        List<BulkItem> results = new ArrayList<>();
        int created = 0;
        for (int i = 0; i < body.attendees().size(); i++) {
            AttendeeBody item = body.attendees().get(i);
            try {
                Attendee a = attendees.register(clientId, eventId, item == null ? null : item.fields(),
                        item == null || item.photo() == null ? null : ImageInput.fromBase64(item.photo(), "photo"),
                        item == null ? null : item.identityId());
                results.add(new BulkItem(i, "created", a.id, null, null));
                created++;
            } catch (ProblemException e) {
                if (e.status() == 404 && e.getMessage().startsWith("event ")) {
                    throw e; // the event itself is unknown: nothing can succeed
                }
                results.add(new BulkItem(i, "failed", null, e.code(), e.getMessage()));
            }
        }
        return new BulkResult(created, results.size() - created, results);
    }

    @GET
    @Transactional
    @Operation(operationId = "listAttendees", summary = "The event's attendees, in registration order")
    public AttendeeList list(@PathParam("eventId") UUID eventId, @QueryParam("take") Integer take,
            @QueryParam("skip") Integer skip) {
        UUID clientId = caller.clientId();
        Event.ofClient(clientId, eventId).orElseThrow(() -> ProblemException.notFound("event " + eventId));
        Paging paging = Paging.of(take, skip);
        var query = Attendee.<Attendee>find("clientId = ?1 and eventId = ?2", Sort.by("createdAt").and("id"), clientId, eventId);
        List<AttendeeView> page = query.range(paging.skip(), paging.skip() + paging.take() - 1).list()
                .stream().map(this::view).toList();
        return new AttendeeList(page, paging.counts(page.size(), query.count()));
    }

    @GET
    @Path("{attendeeId}")
    @Transactional
    @Operation(operationId = "getAttendee", summary = "Read an attendee")
    public AttendeeView get(@PathParam("eventId") UUID eventId, @PathParam("attendeeId") UUID attendeeId) {
        return view(Attendee.ofEvent(caller.clientId(), eventId, attendeeId)
                .orElseThrow(() -> ProblemException.notFound("attendee " + attendeeId)));
    }

    @DELETE
    @Path("{attendeeId}")
    @Operation(operationId = "deleteAttendee", summary = "Remove an attendee; their face template is deleted with them")
    @APIResponse(responseCode = "204", description = "Removed")
    public Response remove(@PathParam("eventId") UUID eventId, @PathParam("attendeeId") UUID attendeeId) {
        attendees.remove(caller.clientId(), eventId, attendeeId);
        return Response.noContent().build();
    }

    static final String ATTENDEE_EXAMPLE = "{\"id\":\"5c0f7a10-5f44-4c8e-9a52-6f4f2f3f9c11\",\"event_id\":"
            + "\"0b6c1c52-5a5e-4f0e-9d59-3f3b8d8a2f11\",\"user_info\":{\"userId\":\"usr_abc123\",\"email\":"
            + "\"johndoe@example.com\",\"name\":\"John Doe\",\"phone\":\"5551234567\",\"countryCode\":\"+1\"},"
            + "\"identity_id\":null,\"qr_id\":\"qr_101112131415\",\"template_id\":\"9a52c0f7-5f44-4c8e-a10a-6f4f2f3f9c11\","
            + "\"metadata\":{},\"created_at\":\"2026-04-01T10:00:00Z\"}";

    AttendeeView view(Attendee a) {
        Map<String, Object> metadata = metadataJson.read(a.metadata);
        return new AttendeeView(a.id, a.eventId, new UserInfo(a.userId, a.email, a.name, a.phone, a.countryCode),
                a.identityId, a.qrId, a.templateId, metadata, a.createdAt);
    }
}
