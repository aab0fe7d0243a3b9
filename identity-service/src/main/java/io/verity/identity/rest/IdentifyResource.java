package io.verity.identity.rest;

import io.verity.identity.service.MetadataJson;
import io.verity.identity.domain.Event;
import io.verity.identity.service.IdentificationService;
import io.verity.identity.service.IdentificationService.Identification;
import io.verity.identity.service.CaptureService;
import io.verity.identity.service.ClientLimits;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PathParam;
import io.verity.identity.service.ImageSource;
import io.verity.platform.error.TooManyRequestsException;
import java.time.Instant;
import java.util.ArrayList;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
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

    @Inject
    ClientLimits limits;

    @Inject
    CaptureService captures;

    @Inject
    jakarta.ws.rs.core.UriInfo uri;

    @Inject
    io.vertx.core.http.HttpServerRequest request;

    @POST
    @Operation(operationId = OPERATION_ID, summary = "Get Session From Image", description = DESCRIPTION)
    @APIResponse(responseCode = "200", description = "Successful Response", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT, description = RECORD),
            examples = @ExampleObject(name = "identified", value = EXAMPLE)))
    @APIResponse(responseCode = "422", description = "Validation Error (HTTPValidationError): every invalid parameter",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT),
                    examples = @ExampleObject(name = "missing parameters", value = VALIDATION_EXAMPLE)))
    @APIResponse(responseCode = "404", description = "Unknown event (`event_not_found`), or no attendee matches (`no_match`)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT),
                    examples = @ExampleObject(name = "no match", value = NO_MATCH_EXAMPLE)))
    @APIResponse(responseCode = "429", description = "This client already has its share of analyses or fetches running; "
            + "retry after `Retry-After` seconds", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.OBJECT), examples = @ExampleObject(name = "busy", value = TOO_MANY_EXAMPLE)))
    public Response identify(@QueryParam("event_id") String eventId, @QueryParam("image_url") String imageUrl,
            @HeaderParam(CAMERA_HEADER) String camera, @HeaderParam("User-Agent") String userAgent) {
        long received = System.nanoTime();
        Instant startedAt = Instant.now();
        List<SecuregateError.Invalid> invalid = new ArrayList<>();
        UUID id = eventId(eventId, invalid);
        if (imageUrl == null || imageUrl.isBlank()) {
            invalid.add(new SecuregateError.Invalid(List.of("query", "image_url"), "field required", "value_error.missing"));
        }
        if (!invalid.isEmpty()) {
            throw SecuregateError.validation(invalid);
        }
        CompletableFuture<Event> lookup = identification.eventMeanwhile(caller.clientId(), id);
        long start = System.nanoTime();
        byte[] image;
        try (ClientLimits.Permit fetching = limits.fetch(caller.clientId())) {
            image = images.fetch(imageUrl.strip(), "image_url");
        } catch (OutboundRefusedException refused) {
            event(lookup); // an unknown event is answered 404 first, whatever the URL
            // The reason (private address, unknown name, closed port, ...) is logged with the request id by
            // OutboundHttp; the caller gets one code and one sentence whatever it was.
            throw SecuregateError.validation(List.of("query", "image_url"), refused.publicMessage(),
                    "value_error." + OutboundRefusedException.PUBLIC_CODE);
        } catch (TooManyRequestsException busy) {
            event(lookup);
            throw SecuregateError.tooManyRequests(busy.code(), busy.getMessage(), busy.retryAfterSeconds());
        }
        long fetched = System.nanoTime() - start;
        return identified(event(lookup), image, List.of("query", "image_url"), camera, userAgent, fetched,
                received, startedAt);
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(operationId = OPERATION_ID, summary = "Get Session From Image", description = DESCRIPTION)
    public Response identifyUpload(@QueryParam("event_id") String eventId, @QueryParam("image_url") String imageUrl,
            @RestForm("image") @Schema(type = SchemaType.STRING, format = "binary", description = "the photo") FileUpload image,
            @HeaderParam(CAMERA_HEADER) String camera, @HeaderParam("User-Agent") String userAgent) {
        if ((image == null || image.size() == 0) && imageUrl != null) {
            // A POST without a body and without a Content-Type (curl -X POST, most HTTP clients) is routed here by
            // RESTEasy, whatever the other method declares; it means "identify from image_url".
            return identify(eventId, imageUrl, camera, userAgent);
        }
        long received = System.nanoTime();
        Instant startedAt = Instant.now();
        List<SecuregateError.Invalid> invalid = new ArrayList<>();
        UUID id = eventId(eventId, invalid);
        if (image == null || image.size() == 0) {
            invalid.add(new SecuregateError.Invalid(List.of("body", "image"), "field required", "value_error.missing"));
        }
        if (!invalid.isEmpty()) {
            throw SecuregateError.validation(invalid);
        }
        return identified(event(id), ImageInput.fromUpload(image, "image"), List.of("body", "image"), camera, userAgent,
                0, received, startedAt);
    }

    @GET
    @Path("captures/{captureId}")
    @Produces({"image/jpeg", "image/png", "image/webp", MediaType.APPLICATION_OCTET_STREAM})
    @Operation(operationId = "getCapture", summary = "The gate photo of a matched identification (the record's selfieImage)",
            description = "Only through the link in the record: `expires` and `signature` are part of it, valid for 5 "
                    + "minutes, and only with an API key of the client that made the identification. 403 for an expired "
                    + "or altered link, 404 once the photo is deleted (after 24 hours).")
    @APIResponse(responseCode = "200", description = "The photo as the gate sent it", content = @Content(
            mediaType = "image/jpeg", schema = @Schema(type = SchemaType.STRING, format = "binary")))
    public Response capture(@PathParam("captureId") UUID captureId, @QueryParam("expires") Long expires,
            @QueryParam("signature") String signature) {
        CaptureService.Image image = captures.read(caller.clientId(), captureId, expires, signature);
        return Response.ok(image.bytes(), image.mediaType()).header("Cache-Control", "private, no-store").build();
    }

    /** The event id, or null with its problem added to {@code invalid}. */
    private static UUID eventId(String eventId, List<SecuregateError.Invalid> invalid) {
        if (eventId == null || eventId.isBlank()) {
            invalid.add(new SecuregateError.Invalid(List.of("query", "event_id"), "field required", "value_error.missing"));
            return null;
        }
        try {
            return UUID.fromString(eventId.strip());
        } catch (IllegalArgumentException e) {
            invalid.add(new SecuregateError.Invalid(List.of("query", "event_id"), "value is not a valid uuid", "type_error.uuid"));
            return null;
        }
    }

    private Event event(UUID id) {
        try {
            return identification.event(caller.clientId(), id);
        } catch (ProblemException notFound) {
            throw eventNotFound(notFound);
        }
    }

    /** The event looked up meanwhile, or Securegate's 404 {@code event_not_found}. */
    private static Event event(CompletableFuture<Event> lookup) {
        try {
            return lookup.join();
        } catch (CompletionException failed) {
            if (failed.getCause() instanceof ProblemException notFound) {
                throw eventNotFound(notFound);
            }
            throw failed.getCause() instanceof RuntimeException cause ? cause : failed;
        }
    }

    private static RuntimeException eventNotFound(ProblemException lookup) {
        return lookup.status() == 404 ? SecuregateError.status(404, "event_not_found", lookup.getMessage(), Map.of()) : lookup;
    }

    private Response identified(Event event, byte[] image, List<String> loc, String camera, String userAgent,
            long fetchNanos, long received, Instant startedAt) {
        String gateCamera = Gates.camera(camera);
        Identification result;
        try {
            result = identification.identify(event, image, new IdentificationService.Gate(caller.name(), gateCamera),
                    requestIds.current());
        } catch (TooManyRequestsException busy) {
            throw SecuregateError.tooManyRequests(busy.code(), busy.getMessage(), busy.retryAfterSeconds());
        } catch (ProblemException refused) {
            if (refused.status() >= 500) {
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
        String selfie = result.captureId() == null ? null
                : uri.getBaseUriBuilder().replacePath("").build().toString().replaceAll("/$", "")
                        + captures.signedPath(caller.clientId(), result.captureId());
        Gates.Context context = new Gates.Context(startedAt, gateCamera, clientAddress(), userAgent, caller.name(), selfie);
        return Response.ok(SecuregateRecord.of(result, metadata, context))
                .header("Server-Timing", timing)
                .header("X-Faces-Seen", result.facesSeen())
                .build();
    }

    private String clientAddress() {
        io.vertx.core.net.SocketAddress remote = request.remoteAddress();
        return remote == null ? null : remote.hostAddress();
    }

    static final String OPERATION_ID = "getSessionFromImage";
    static final String DESCRIPTION = "Matches the photo at `image_url` (or the multipart part `image`) against the "
            + "event's registered attendees and returns the matched attendee's record. With several faces the largest "
            + "is used. 404 when the event is unknown or nobody matches; 422 (HTTPValidationError) lists every missing "
            + "or malformed parameter together, a URL that may not be fetched (one code, `value_error.url_not_fetchable`, "
            + "whatever the reason), or a photo without a usable face; 429 with Retry-After when this client already "
            + "has its share of analyses or fetches running. Optional header X-Camera-Id names the gate.";
    static final String RECORD = "The matched attendee's record in Securegate's shape: userInfo, authentication, kyc, "
            + "status, qrId, activities, metadata, visitedOrder";
    static final String VALIDATION_EXAMPLE = "{\"detail\":[{\"loc\":[\"query\",\"event_id\"],\"msg\":\"field required\","
            + "\"type\":\"value_error.missing\"},{\"loc\":[\"query\",\"image_url\"],\"msg\":\"field required\","
            + "\"type\":\"value_error.missing\"}]}";
    static final String NO_MATCH_EXAMPLE = "{\"detail\":\"no registered attendee of this event matches the photo\","
            + "\"code\":\"no_match\",\"faces_seen\":1}";
    static final String TOO_MANY_EXAMPLE = "{\"detail\":\"this client already has 2 face analyses running; retry when "
            + "one has finished\",\"code\":\"too_many_concurrent_analyses\",\"retry_after\":1}";

    static final String EXAMPLE = """
            {"userInfo":{"email":"johndoe@example.com","userId":"usr_abc123xyz456","name":"John Doe","phone":"5551234567",\
            "countryCode":"+1"},"authentication":[{"conditions":[],"_id":"auth_5c0f7a10-5f44-4c8e-9a52-6f4f2f3f9c11",\
            "data":{"stepId":"authentication","actionId":"facialRecognition","status":"completed","data":{"selfieImage":"https://verity.example.com/identity/captures/7f1c2b3a-9d4e-4f60-8a71-2c3d4e5f6a7b?expires=1683730300&signature=Zm9v",\
            "blobVideoUrl":null,"similarity":0.71,"threshold":0.41,"facesSeen":1,"eventId":"0b6c1c52-5a5e-4f0e-9d59-3f3b8d8a2f11"},\
            "stepStartTime":"2023-05-10T14:30:00.120Z","stepEndTime":"2023-05-10T14:30:00.310Z"},"parentIds":[],"stepId":"authentication"}],\
            "kyc":[{"conditions":[],"_id":"kyc_4d7b0d7e-3f2a-4a43-8a64-2b0f7a2c6a9e","data":{"kyc":{"document":{"frontImage":{"value":null,"verified":false},"idType":\
            {"value":"drivers-license","verified":true},"idNumber":{"value":"DL1234567","verified":true},"dateOfExpiry":\
            {"value":"2028-05-28","verified":true}},"basicInfo":{"firstName":{"value":"JOHN","verified":true},"lastName":\
            {"value":"DOE","verified":true},"dateOfBirth":{"value":"1985-07-15","verified":true}}},"status":"completed",\
            "provider":"VERITY"},"parentIds":["auth_5c0f7a10-5f44-4c8e-9a52-6f4f2f3f9c11"],"stepId":"kyc"}],\
            "status":"completed","qrId":"qr_101112131415","activities":[{"type":"logs","userName":"vty_abcdefghijkl",\
            "id":"act_5c0f7a10-5f44-4c8e-9a52-6f4f2f3f9c11","metadata":{"time":1683730000000,"data":\
            "identified (similarity 0.710)","to":"identified","from":null,"stepId":"authentication"}}],"metadata":{"deviceInfo":{"name":"gate-1",\
            "email":null,"type":"camera"},"geoLocation":null,"sessionMetadata":{"userAddress":null,"ipAddress":"192.0.2.1",\
            "systemData":{"browser":{"name":"securegate-client","version":"1.4.0"},"os":null}}},\
            "visitedOrder":["auth_5c0f7a10-5f44-4c8e-9a52-6f4f2f3f9c11","kyc_4d7b0d7e-3f2a-4a43-8a64-2b0f7a2c6a9e"]}""";
}
