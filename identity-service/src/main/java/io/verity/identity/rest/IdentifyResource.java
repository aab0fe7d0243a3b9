package io.verity.identity.rest;

import io.verity.identity.service.MetadataJson;
import io.verity.identity.domain.Event;
import io.verity.identity.service.IdentificationService;
import io.verity.identity.service.IdentificationService.Identification;
import io.verity.identity.service.ImageSource;
import io.verity.platform.error.ProblemException;
import io.verity.platform.net.OutboundRefusedException;
import io.verity.platform.security.Caller;
import io.verity.platform.security.Roles;
import io.verity.platform.web.RequestIds;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * Securegate's event identification: {@code POST /identity?event_id&image_url}, or the photo itself as multipart
 * {@code image} for gates that have it in hand. Errors use Securegate's shapes ({@link SecuregateError}).
 * {@code Server-Timing} says where the time went; {@code X-Faces-Seen} how many faces the photo showed.
 */
@Path("/identity")
@RolesAllowed(Roles.CLIENT)
@SecurityRequirement(name = "ApiKeyAuth")
@Tag(name = "Event identification (Securegate)")
@Produces(MediaType.APPLICATION_JSON)
public class IdentifyResource {

    static final String CAMERA_HEADER = "X-Camera-Id";

    @Inject
    IdentificationService identification;

    @Inject
    ImageSource images;

    @Inject
    Caller caller;

    @Inject
    RequestIds requestIds;

    @Inject
    MetadataJson metadata;

    @POST
    @Operation(operationId = "get_session_from_image_identity_post", summary = "Get Session From Image",
            description = "Matches the photo at `image_url` against the event's registered attendees and returns the "
                    + "matched attendee's record. With several faces the largest is used. 404 when the event is unknown "
                    + "or nobody matches; 422 (HTTPValidationError) for a missing or malformed parameter, a URL that may "
                    + "not be fetched, or a photo without a usable face. Optional header X-Camera-Id names the gate.")
    @APIResponse(responseCode = "200", description = "Successful Response", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "identified", value = EXAMPLE)))
    @APIResponse(responseCode = "422", description = "Validation Error", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "no face", value =
                    "{\"detail\":[{\"loc\":[\"query\",\"image_url\"],\"msg\":\"no face was found in the image\",\"type\":\"value_error.no_face\"}]}")))
    @APIResponse(responseCode = "404", description = "Unknown event, or no attendee matches")
    public Response identify(@QueryParam("event_id") String eventId, @QueryParam("image_url") String imageUrl,
            @HeaderParam(CAMERA_HEADER) String camera) {
        long received = System.nanoTime();
        Event event = event(eventId);
        if (imageUrl == null || imageUrl.isBlank()) {
            throw SecuregateError.validation(List.of("query", "image_url"), "field required", "value_error.missing");
        }
        long start = System.nanoTime();
        byte[] image;
        try {
            image = images.fetch(imageUrl.strip(), "image_url");
        } catch (OutboundRefusedException refused) {
            throw SecuregateError.validation(List.of("query", "image_url"), refused.getMessage(), "value_error." + refused.code());
        }
        return identified(event, image, List.of("query", "image_url"), camera, System.nanoTime() - start, received);
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Get Session From Image (uploaded)", description = "The same, with the photo as multipart part `image`.")
    public Response identifyUpload(@QueryParam("event_id") String eventId, @QueryParam("image_url") String imageUrl,
            @RestForm("image") FileUpload image, @HeaderParam(CAMERA_HEADER) String camera) {
        if ((image == null || image.size() == 0) && imageUrl != null) {
            // A POST without a body and without a Content-Type (curl -X POST, most HTTP clients) is routed here by
            // RESTEasy, whatever the other method declares; it means "identify from image_url".
            return identify(eventId, imageUrl, camera);
        }
        long received = System.nanoTime();
        Event event = event(eventId);
        if (image == null || image.size() == 0) {
            throw SecuregateError.validation(List.of("body", "image"), "field required", "value_error.missing");
        }
        return identified(event, ImageInput.fromUpload(image, "image"), List.of("body", "image"), camera, 0, received);
    }

    private Event event(String eventId) {
        if (eventId == null || eventId.isBlank()) {
            throw SecuregateError.validation(List.of("query", "event_id"), "field required", "value_error.missing");
        }
        UUID id;
        try {
            id = UUID.fromString(eventId.strip());
        } catch (IllegalArgumentException e) {
            throw SecuregateError.validation(List.of("query", "event_id"), "value is not a valid uuid", "type_error.uuid");
        }
        try {
            return identification.event(caller.clientId(), id);
        } catch (ProblemException notFound) {
            throw SecuregateError.status(404, "event_not_found", "event " + id + " was not found", Map.of());
        }
    }

    private Response identified(Event event, byte[] image, List<String> loc, String camera, long fetchNanos, long received) {
        String source = camera != null && !camera.isBlank() ? "camera " + limit(camera.strip()) : caller.name();
        Identification result;
        try {
            result = identification.identify(event, image, source, requestIds.current());
        } catch (ProblemException refused) {
            if (refused.status() == 503) {
                throw refused;
            }
            String type = "image_url".equals(loc.get(1)) && "unsupported_format".equals(refused.code())
                    ? "value_error.not_an_image" : "value_error." + refused.code();
            throw SecuregateError.validation(loc, refused.getMessage(), type);
        }
        String timing = String.format(java.util.Locale.ROOT,
                "fetch;dur=%.1f, analyze;dur=%.1f, search;dur=%.2f, record;dur=%.1f, total;dur=%.1f",
                fetchNanos / 1e6, result.timing().analyzeNanos() / 1e6, result.timing().searchNanos() / 1e6,
                result.timing().recordNanos() / 1e6, (System.nanoTime() - received) / 1e6);
        if (!result.matched()) {
            throw SecuregateError.status(404, "no_match", "no registered attendee of this event matches the photo",
                    Map.of("faces_seen", result.facesSeen()));
        }
        return Response.ok(SecuregateRecord.of(result, metadata))
                .header("Server-Timing", timing)
                .header("X-Faces-Seen", result.facesSeen())
                .build();
    }

    private static String limit(String s) {
        return s.length() > 100 ? s.substring(0, 100) : s;
    }

    static final String EXAMPLE = """
            {"userInfo":{"email":"johndoe@example.com","userId":"usr_abc123xyz456","name":"John Doe","phone":"5551234567",\
            "countryCode":"+1"},"authentication":[{"conditions":[],"_id":"auth_5c0f7a10-5f44-4c8e-9a52-6f4f2f3f9c11",\
            "data":{"stepId":"authentication","actionId":"facialRecognition","status":"completed","data":{"similarity":0.71,\
            "threshold":0.36,"facesSeen":1,"eventId":"0b6c1c52-5a5e-4f0e-9d59-3f3b8d8a2f11"},"stepStartTime":\
            "2023-05-10T14:30:00Z","stepEndTime":"2023-05-10T14:30:00Z"},"parentIds":[],"stepId":"authentication"}],\
            "kyc":[{"conditions":[],"_id":"kyc_4d7b0d7e-3f2a-4a43-8a64-2b0f7a2c6a9e","data":{"kyc":{"document":{"idType":\
            {"value":"driver-license","verified":true},"idNumber":{"value":"DL1234567","verified":true},"dateOfExpiry":\
            {"value":"2028-05-28","verified":true}},"basicInfo":{"firstName":{"value":"JOHN","verified":true},"lastName":\
            {"value":"DOE","verified":true},"dateOfBirth":{"value":"1985-07-15","verified":true}}},"status":"completed",\
            "provider":"VERITY"},"parentIds":["auth_5c0f7a10-5f44-4c8e-9a52-6f4f2f3f9c11"],"stepId":"kyc"}],\
            "status":"completed","qrId":"qr_101112131415","activities":[{"type":"logs","userName":"camera gate-1",\
            "id":"act_5c0f7a10-5f44-4c8e-9a52-6f4f2f3f9c11","metadata":{"time":1683730000000,"data":\
            "identified (similarity 0.710)","to":"identified","from":null,"stepId":"authentication"}}],"metadata":{},\
            "visitedOrder":["auth_5c0f7a10-5f44-4c8e-9a52-6f4f2f3f9c11","kyc_4d7b0d7e-3f2a-4a43-8a64-2b0f7a2c6a9e"]}""";
}
