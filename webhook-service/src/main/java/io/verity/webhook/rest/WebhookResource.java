package io.verity.webhook.rest;

import io.verity.platform.error.Problem;
import io.verity.platform.error.ProblemException;
import io.verity.platform.security.Caller;
import io.verity.platform.security.Roles;
import io.verity.platform.web.Paging;
import io.verity.webhook.domain.Attempt;
import io.verity.webhook.domain.Delivery;
import io.verity.webhook.domain.Endpoint;
import io.verity.webhook.rest.WebhookViews.DeliveryList;
import io.verity.webhook.rest.WebhookViews.DeliveryView;
import io.verity.webhook.rest.WebhookViews.RotateSecret;
import io.verity.webhook.rest.WebhookViews.Statistics;
import io.verity.webhook.rest.WebhookViews.WebhookCreate;
import io.verity.webhook.rest.WebhookViews.WebhookList;
import io.verity.webhook.rest.WebhookViews.WebhookListRequest;
import io.verity.webhook.rest.WebhookViews.WebhookUpdate;
import io.verity.webhook.rest.WebhookViews.WebhookView;
import io.verity.webhook.rest.WebhookViews.WebhookWithSecret;
import io.verity.webhook.service.EndpointService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

/**
 * The calling client's webhooks (x-api-key): the spec's "webhook create" and "webhook list", and the rest of a webhook
 * API. Another client's webhooks and deliveries are not found (404).
 */
@Path("/webhooks")
@RolesAllowed(Roles.CLIENT)
@SecurityRequirement(name = "ApiKeyAuth")
@Tag(name = "Webhooks")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "No valid x-api-key",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class WebhookResource {

    @Inject
    EndpointService endpoints;

    @Inject
    Caller caller;

    @Inject
    com.fasterxml.jackson.databind.ObjectMapper json;

    @POST
    @Operation(operationId = "webhookCreate", summary = "Webhook create",
            description = "Registers a URL for the client's events. The URL is checked against server-side request "
                    + "forgery now and on every delivery. The answer carries the signing secret (`whsec_…`), once.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = WebhookCreate.class), examples = @ExampleObject(name = "sessions",
                    value = "{\"name\": \"onboarding backend\", \"url\": \"https://hooks.example.com/verity\", "
                            + "\"event_types\": [\"idv.session.completed\", \"identity.verified\"]}")))
    @APIResponse(responseCode = "200", description = "The webhook with its secret",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WebhookWithSecret.class)))
    @APIResponse(responseCode = "400", description = "name or url missing or too long, or an unknown event type",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "client_id is not the API key's client",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "The URL may not be called (a private, loopback, link-local or "
            + "metadata address, a name that does not resolve, a scheme other than http/https): one code, url_not_fetchable, "
            + "and one message for every reason; the reason is logged under the request id",
            content = @Content(mediaType = Problem.MEDIA_TYPE,
                    schema = @Schema(implementation = Problem.class), examples = @ExampleObject(name = "refused URL",
                            value = "{\"type\": \"https://verity.io/problems/url_not_fetchable\", \"title\": "
                                    + "\"Unprocessable Entity\", \"status\": 422, \"code\": \"url_not_fetchable\", "
                                    + "\"field\": \"url\"}")))
    public WebhookWithSecret webhookCreate(WebhookCreate body) {
        WebhookCreate create = ProblemException.requireBody(body);
        UUID clientId = caller.clientFor(create.clientId());
        EndpointService.WithSecret created = endpoints.create(clientId, create.name(), create.url(), create.eventTypes());
        return WebhookWithSecret.of(created.endpoint(), created.secret());
    }

    @POST
    @Path("list")
    @Operation(operationId = "webhookList", summary = "Webhook list",
            description = "The client's webhooks, newest first, `take` at a time; `search_term` matches name or URL.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = WebhookListRequest.class),
            examples = @ExampleObject(name = "first page", value = "{\"take\": 20, \"skip\": 0, \"search_term\": \"onboarding\"}")))
    @APIResponse(responseCode = "200", description = "A page of webhooks",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WebhookList.class),
                    examples = @ExampleObject(name = "one webhook", value = LIST_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "take or skip out of range",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public WebhookList webhookList(WebhookListRequest body) {
        WebhookListRequest request = body == null ? new WebhookListRequest(null, null, null, null) : body;
        UUID clientId = caller.clientFor(request.clientId());
        Paging paging = Paging.of(request.take(), request.skip());
        EndpointService.Page<Endpoint> page = endpoints.list(clientId, paging.take(), paging.skip(), request.searchTerm());
        return new WebhookList(page.items().stream().map(WebhookView::of).toList(),
                Statistics.of(page.total(), paging.take(), paging.skip()));
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "webhookRead", summary = "Read a webhook")
    @APIResponse(responseCode = "200", description = "The webhook",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WebhookView.class)))
    @APIResponse(responseCode = "404", description = "No such webhook of this client",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public WebhookView webhookRead(@Parameter(description = "The webhook's id") @PathParam("id") UUID id) {
        return WebhookView.of(endpoints.read(caller.clientId(), id));
    }

    @PATCH
    @Path("{id}")
    @Operation(operationId = "webhookUpdate", summary = "Change a webhook's name, URL or event types",
            description = "Fields left out stay as they are; a new URL is checked like a created one.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = WebhookUpdate.class),
            examples = @ExampleObject(name = "filter", value = "{\"event_types\": [\"identification.matched\"]}")))
    @APIResponse(responseCode = "200", description = "The changed webhook",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WebhookView.class)))
    @APIResponse(responseCode = "400", description = "A field is invalid",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such webhook of this client",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "The new URL may not be called",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public WebhookView webhookUpdate(@PathParam("id") UUID id, WebhookUpdate body) {
        WebhookUpdate update = ProblemException.requireBody(body);
        return WebhookView.of(endpoints.update(caller.clientId(), id, update.name(), update.url(), update.eventTypes()));
    }

    @DELETE
    @Path("{id}")
    @Operation(operationId = "webhookDelete", summary = "Delete a webhook with its deliveries and their attempts")
    @APIResponse(responseCode = "200", description = "The webhook as it was",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WebhookView.class)))
    @APIResponse(responseCode = "404", description = "No such webhook of this client",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public WebhookView webhookDelete(@PathParam("id") UUID id) {
        return WebhookView.of(endpoints.delete(caller.clientId(), id));
    }

    @POST
    @Path("{id}/enable")
    @Consumes(MediaType.WILDCARD) // no body needed
    @Operation(operationId = "webhookEnable", summary = "Enable a webhook",
            description = "Clears the reason it was disabled for; its pending deliveries are sent at once.")
    @APIResponse(responseCode = "200", description = "The enabled webhook",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WebhookView.class)))
    @APIResponse(responseCode = "404", description = "No such webhook of this client",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public WebhookView webhookEnable(@PathParam("id") UUID id) {
        return WebhookView.of(endpoints.enable(caller.clientId(), id));
    }

    @POST
    @Path("{id}/disable")
    @Consumes(MediaType.WILDCARD) // no body needed
    @Operation(operationId = "webhookDisable", summary = "Disable a webhook",
            description = "No delivery is attempted while it is disabled; new events are not queued for it.")
    @APIResponse(responseCode = "200", description = "The disabled webhook",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WebhookView.class)))
    @APIResponse(responseCode = "404", description = "No such webhook of this client",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public WebhookView webhookDisable(@PathParam("id") UUID id) {
        return WebhookView.of(endpoints.disable(caller.clientId(), id));
    }

    @POST
    @Path("{id}/rotate-secret")
    @Consumes(MediaType.WILDCARD) // the body is optional
    @Operation(operationId = "webhookRotateSecret", summary = "Rotate a webhook's signing secret",
            description = "Returns the new secret, once. During the grace period every delivery carries two "
                    + "signatures in webhook-signature, by the new and by the previous secret, so the receiver can "
                    + "switch at its own pace.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RotateSecret.class),
            examples = @ExampleObject(name = "one day", value = "{\"grace_period_seconds\": 86400}")))
    @APIResponse(responseCode = "200", description = "The webhook with its new secret",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WebhookWithSecret.class)))
    @APIResponse(responseCode = "400", description = "grace_period_seconds out of range",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such webhook of this client",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public WebhookWithSecret webhookRotateSecret(@PathParam("id") UUID id, String rawBody)
            throws com.fasterxml.jackson.core.JsonProcessingException {
        // Read as text: the body is optional, and a POST without one has no JSON content type to select a reader.
        RotateSecret body = rawBody == null || rawBody.isBlank() ? null : json.readValue(rawBody, RotateSecret.class);
        Duration grace = body == null || body.gracePeriodSeconds() == null ? null
                : Duration.ofSeconds(body.gracePeriodSeconds());
        EndpointService.WithSecret rotated = endpoints.rotate(caller.clientId(), id, grace);
        return WebhookWithSecret.of(rotated.endpoint(), rotated.secret());
    }

    @POST
    @Path("{id}/test")
    @Consumes(MediaType.WILDCARD) // no body needed
    @ResponseStatus(202)
    @Operation(operationId = "webhookSendTest", summary = "Send a webhook.test event to this webhook",
            description = "Queued at once and sent like any event (signed, retried); follow it in the delivery list.")
    @APIResponse(responseCode = "202", description = "The queued delivery",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DeliveryView.class)))
    @APIResponse(responseCode = "404", description = "No such webhook of this client",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The webhook is disabled (code endpoint_disabled)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public DeliveryView webhookSendTest(@PathParam("id") UUID id) {
        Delivery delivery = endpoints.sendTest(caller.clientId(), id);
        return DeliveryView.of(delivery, "webhook.test", List.of());
    }

    @GET
    @Path("{id}/deliveries")
    @Operation(operationId = "webhookDeliveryList", summary = "List a webhook's deliveries with their attempts",
            description = "Newest first: each event sent to this webhook, its state, and every attempt (time, HTTP "
                    + "status or error, latency, the start of the answer).")
    @APIResponse(responseCode = "200", description = "A page of deliveries",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DeliveryList.class)))
    @APIResponse(responseCode = "400", description = "take, skip or status invalid",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such webhook of this client",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public DeliveryList webhookDeliveryList(@PathParam("id") UUID id,
            @Parameter(description = "Page size, 1-100 (default 20)") @QueryParam("take") Integer take,
            @Parameter(description = "Rows to skip") @QueryParam("skip") Integer skip,
            @Parameter(description = "pending, succeeded or failed") @QueryParam("status") String status) {
        UUID clientId = caller.clientId();
        Paging paging = Paging.of(take, skip);
        EndpointService.Page<Delivery> page = endpoints.deliveries(clientId, id, paging.take(), paging.skip(), status);
        List<UUID> ids = page.items().stream().map(d -> d.id).toList();
        Map<UUID, List<Attempt>> attempts = endpoints.attempts(clientId, ids);
        Map<UUID, String> types = endpoints.eventTypesOf(clientId, page.items().stream().map(d -> d.eventId).toList());
        return new DeliveryList(page.items().stream()
                .map(d -> DeliveryView.of(d, types.get(d.eventId), attempts.getOrDefault(d.id, List.of()))).toList(),
                Statistics.of(page.total(), paging.take(), paging.skip()));
    }

    @POST
    @Path("{id}/deliveries/{deliveryId}/redeliver")
    @Consumes(MediaType.WILDCARD) // no body needed
    @ResponseStatus(202)
    @Operation(operationId = "webhookRedeliver", summary = "Send a delivery again now",
            description = "Whatever its state; the same webhook-id (the event's id) as before, so a receiver that "
                    + "de-duplicates sees it as the same event.")
    @APIResponse(responseCode = "202", description = "The delivery, due now",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DeliveryView.class)))
    @APIResponse(responseCode = "404", description = "No such webhook or delivery of this client",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The webhook is disabled (endpoint_disabled) or the delivery is "
            + "being sent (delivery_in_flight)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public DeliveryView webhookRedeliver(@PathParam("id") UUID id, @PathParam("deliveryId") UUID deliveryId) {
        UUID clientId = caller.clientId();
        Delivery delivery = endpoints.redeliver(clientId, id, deliveryId);
        return DeliveryView.of(delivery, endpoints.eventTypesOf(clientId, List.of(delivery.eventId)).get(delivery.eventId),
                endpoints.attempts(clientId, List.of(delivery.id)).getOrDefault(delivery.id, List.of()));
    }

    static final String LIST_EXAMPLE = """
            {"webhooks": [{"id": "0b6c1c52-5a5e-4f0e-9d59-3f3b8d8a2f11", "client_id": "6f1c2a8e-3b1d-4c7e-9a52-0d2b7c1e4f90",
              "name": "onboarding backend", "url": "https://hooks.example.com/verity", "event_types": [],
              "status": "enabled", "origin": "api", "created_at": "2026-12-03T10:40:00Z", "updated_at": "2026-12-03T10:40:00Z"}],
             "statistics": {"total_rows": 1, "current_page": 1, "total_pages": 1}}""";
}
