package io.verity.webhook.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.verity.platform.error.Problem;
import io.verity.platform.error.ProblemException;
import io.verity.platform.security.Caller;
import io.verity.platform.security.Roles;
import io.verity.webhook.service.EventTypes;
import io.verity.webhook.service.IntakeService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Event intake for the services' outbox relays (internal token; the client is the x-verity-client-id header). */
@Path("/internal/v1/events")
@RolesAllowed(Roles.INTERNAL)
@SecurityRequirement(name = "InternalToken")
@Tag(name = "Internal")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class InternalEventResource {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(InternalEventResource.class);

    static final int MAX_EVENTS = 500;
    static final int MAX_DATA_CHARS = 64 * 1024;

    @Schema(name = "IncomingEvent", description = "An event as a service's outbox relay sends it")
    public record IncomingEvent(
            @Schema(required = true, description = "The event's id (core.outbox.event_id): intake is idempotent on it")
            UUID id,
            @Schema(required = true, examples = "idv.session.completed") String type,
            @Schema(required = true) OffsetDateTime occurredAt,
            @Schema(required = true, examples = "idv-service") String sourceService,
            @Schema(examples = "idv_session") String aggregateType,
            @Schema(examples = "5d2f3a10-2c1b-4b7e-8f00-6a1d9e3c4b21") String aggregateId,
            @Schema(description = "A session's own URL: the event is delivered there too", nullable = true)
            String webhookUrl,
            @Schema(description = "The event's payload, delivered as `data`") JsonNode data) {
    }

    @Schema(name = "IncomingEvents")
    public record IncomingEvents(@Schema(required = true, maxItems = MAX_EVENTS) List<IncomingEvent> events) {
    }

    @Schema(name = "IntakeResult")
    public record IntakeResult(
            @Schema(description = "Events stored now", examples = "3") int accepted,
            @Schema(description = "Events received before (ignored)", examples = "0") int duplicates,
            @Schema(description = "Deliveries queued", examples = "6") int deliveries) {
    }

    @Inject
    IntakeService intake;

    @Inject
    Caller caller;

    @POST
    @Operation(operationId = "eventIntake", summary = "Take in events of one client",
            description = "Stores each event once (a repeated id is ignored) and queues its deliveries, in one transaction.")
    @APIResponse(responseCode = "200", description = "What was taken in",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IntakeResult.class)))
    @APIResponse(responseCode = "400", description = "An event is malformed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public IntakeResult eventIntake(IncomingEvents body) {
        IncomingEvents request = ProblemException.requireBody(body);
        if (request.events() == null || request.events().size() > MAX_EVENTS) {
            throw ProblemException.invalidField("events", "must be a list of at most " + MAX_EVENTS + " events");
        }
        List<IntakeService.Incoming> events = new ArrayList<>();
        for (int i = 0; i < request.events().size(); i++) {
            IncomingEvent e = request.events().get(i);
            String at = "events[" + i + "]";
            if (e == null || e.id() == null || e.occurredAt() == null) {
                throw ProblemException.invalidField(at, "id and occurred_at are required");
            }
            if (e.type() == null || !EventTypes.FORMAT.matcher(e.type()).matches()) {
                throw ProblemException.invalidField(at + ".type", "must look like 'idv.session.completed'");
            }
            if (e.sourceService() == null || e.sourceService().isBlank() || e.sourceService().length() > 100) {
                throw ProblemException.invalidField(at + ".source_service", "is required (at most 100 characters)");
            }
            if (e.data() != null && (!e.data().isObject() || e.data().toString().length() > MAX_DATA_CHARS)) {
                throw ProblemException.invalidField(at + ".data", "must be an object of at most " + MAX_DATA_CHARS + " characters");
            }
            String url = e.webhookUrl() == null || e.webhookUrl().isBlank() ? null : e.webhookUrl().trim();
            if (url != null && (url.length() > 2048 || !(url.startsWith("https://") || url.startsWith("http://")))) {
                // A customer's value: refusing the batch would block the publisher's outbox, so the URL is dropped.
                LOG.warnf("event %s: webhook_url is not an http(s) URL of at most 2048 characters; not delivered there",
                        e.id());
                url = null;
            }
            events.add(new IntakeService.Incoming(e.id(), e.type(), e.occurredAt(), e.sourceService(), url, e.data()));
        }
        IntakeService.Accepted accepted = intake.accept(caller.clientId(), events);
        return new IntakeResult(accepted.accepted(), accepted.duplicates(), accepted.deliveries());
    }
}
