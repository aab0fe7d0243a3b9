package io.verity.webhook.rest;

import io.verity.webhook.domain.Attempt;
import io.verity.webhook.domain.Delivery;
import io.verity.webhook.domain.Endpoint;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request and response bodies of the webhook API (snake_case, as the spec's "webhook create" and "webhook list"). */
public final class WebhookViews {

    private WebhookViews() {
    }

    static final String CLIENT_ID_DOC = "The client to act for; an API key may name only its own client (or none)";
    static final String EVENT_TYPES_DOC = "Event types this webhook receives; empty or absent: all. Known: "
            + "idv.session.status_changed, idv.session.completed, identity.verified, identification.matched, "
            + "identification.no_match, ida.session.completed, webhook.test";

    @Schema(name = "WebhookCreate", description = "The spec's \"webhook create\" body, with an optional event filter")
    public record WebhookCreate(
            @Schema(description = CLIENT_ID_DOC, examples = "6f1c2a8e-3b1d-4c7e-9a52-0d2b7c1e4f90") UUID clientId,
            @Schema(required = true, maxLength = 200, examples = "onboarding backend") String name,
            @Schema(required = true, maxLength = 2048, description = "http or https; must resolve to a public address",
                    examples = "https://hooks.example.com/verity") String url,
            @Schema(description = EVENT_TYPES_DOC, examples = "[\"idv.session.completed\", \"identity.verified\"]")
            List<String> eventTypes) {
    }

    @Schema(name = "WebhookUpdate", description = "Fields left out stay as they are")
    public record WebhookUpdate(
            @Schema(maxLength = 200, examples = "onboarding backend (EU)") String name,
            @Schema(maxLength = 2048, examples = "https://eu.hooks.example.com/verity") String url,
            @Schema(description = EVENT_TYPES_DOC, examples = "[\"identification.matched\"]") List<String> eventTypes) {
    }

    @Schema(name = "WebhookListRequest", description = "The spec's \"webhook list\" body")
    public record WebhookListRequest(
            @Schema(description = CLIENT_ID_DOC) UUID clientId,
            @Schema(description = "Page size, 1-100", defaultValue = "20", examples = "20") Integer take,
            @Schema(description = "Rows to skip", defaultValue = "0", examples = "0") Integer skip,
            @Schema(description = "Part of the name or URL, case-insensitive", examples = "onboarding") String searchTerm) {
    }

    @Schema(name = "Webhook", description = "A webhook endpoint (its secret is never shown again after create or rotate)")
    public record WebhookView(
            @Schema(examples = "0b6c1c52-5a5e-4f0e-9d59-3f3b8d8a2f11") UUID id,
            @Schema(examples = "6f1c2a8e-3b1d-4c7e-9a52-0d2b7c1e4f90") UUID clientId,
            @Schema(examples = "onboarding backend") String name,
            @Schema(examples = "https://hooks.example.com/verity") String url,
            @Schema(description = "Empty: all event types", examples = "[\"idv.session.completed\"]") List<String> eventTypes,
            @Schema(enumeration = {"enabled", "disabled"}, examples = "enabled") String status,
            @Schema(description = "api: registered; session: created for an IDV session's own webhook_url",
                    enumeration = {"api", "session"}, examples = "api") String origin,
            @Schema(description = "Why it is disabled: manual, gone (the receiver answered 410) or failing (nothing "
                    + "accepted for verity.webhooks.disable-after)", enumeration = {"manual", "gone", "failing"},
                    nullable = true) String disabledReason,
            @Schema(nullable = true, examples = "the receiver answered 410 Gone at 2026-12-03T10:41:07Z; deliveries stopped")
            String disabledDetail,
            @Schema(nullable = true) OffsetDateTime disabledAt,
            @Schema(description = "Until then the previous secret signs too (after a rotation)", nullable = true)
            OffsetDateTime previousSecretExpiresAt,
            OffsetDateTime createdAt,
            OffsetDateTime updatedAt) {

        static WebhookView of(Endpoint e) {
            OffsetDateTime grace = e.previousSecretExpiresAt != null && e.previousSecretExpiresAt.isAfter(OffsetDateTime.now())
                    ? e.previousSecretExpiresAt : null;
            return new WebhookView(e.id, e.clientId, e.name, e.url, List.of(e.eventTypes), e.status, e.origin,
                    e.disabledReason, e.disabledDetail, e.disabledAt, grace, e.createdAt, e.updatedAt);
        }
    }

    @Schema(name = "WebhookWithSecret", description = "A webhook with its signing secret, shown only in this answer")
    public record WebhookWithSecret(
            @Schema(examples = "0b6c1c52-5a5e-4f0e-9d59-3f3b8d8a2f11") UUID id,
            @Schema(examples = "6f1c2a8e-3b1d-4c7e-9a52-0d2b7c1e4f90") UUID clientId,
            @Schema(examples = "onboarding backend") String name,
            @Schema(examples = "https://hooks.example.com/verity") String url,
            @Schema(examples = "[]") List<String> eventTypes,
            @Schema(examples = "enabled") String status,
            @Schema(examples = "api") String origin,
            @Schema(description = "The Standard Webhooks signing secret: keep it, it is not shown again",
                    examples = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw") String secret,
            @Schema(nullable = true) OffsetDateTime previousSecretExpiresAt,
            OffsetDateTime createdAt) {

        static WebhookWithSecret of(Endpoint e, String secret) {
            return new WebhookWithSecret(e.id, e.clientId, e.name, e.url, List.of(e.eventTypes), e.status, e.origin,
                    secret, e.previousSecretExpiresAt, e.createdAt);
        }
    }

    @Schema(name = "ListStatistics")
    public record Statistics(
            @Schema(examples = "42") long totalRows,
            @Schema(description = "1-based", examples = "1") int currentPage,
            @Schema(examples = "3") int totalPages) {

        static Statistics of(long total, int take, int skip) {
            return new Statistics(total, skip / take + 1, (int) ((total + take - 1) / take));
        }
    }

    @Schema(name = "WebhookList")
    public record WebhookList(List<WebhookView> webhooks, Statistics statistics) {
    }

    @Schema(name = "WebhookRotateSecret")
    public record RotateSecret(
            @Schema(description = "How long the previous secret keeps signing, 0-604800 s; default "
                    + "verity.webhooks.rotation-grace (24 h)", examples = "86400") Long gracePeriodSeconds) {
    }

    @Schema(name = "WebhookAttempt", description = "One try of a delivery")
    public record AttemptView(
            OffsetDateTime attemptedAt,
            @Schema(enumeration = {"scheduled", "manual"}) String trigger,
            boolean succeeded,
            @Schema(description = "The receiver's HTTP status, if it answered", nullable = true, examples = "503")
            Integer statusCode,
            @Schema(description = "Why there was no answer: timeout, connect_failed, destination_not_allowed, ...",
                    nullable = true, examples = "timeout") String error,
            @Schema(examples = "87") int latencyMs,
            @Schema(description = "The start of the receiver's answer (or of the refusal)", nullable = true,
                    examples = "upstream unavailable") String responseExcerpt) {

        static AttemptView of(Attempt a) {
            return new AttemptView(a.attemptedAt, a.trigger, a.succeeded, a.statusCode, a.error, a.latencyMs,
                    a.responseExcerpt);
        }
    }

    @Schema(name = "WebhookDelivery", description = "One event to one webhook, with every attempt")
    public record DeliveryView(
            @Schema(examples = "3c9b0f59-0f0a-4b8e-a1f3-92a1c4d1e7aa") UUID id,
            @Schema(description = "Also the webhook-id header of every attempt", examples = "1d7e2c3b-7f9a-4d43-8b9e-6a3c2f1e0d55")
            UUID eventId,
            @Schema(examples = "idv.session.completed") String eventType,
            @Schema(enumeration = {"pending", "succeeded", "failed"}, examples = "pending") String status,
            @Schema(examples = "2") int attemptCount,
            @Schema(nullable = true) OffsetDateTime nextAttemptAt,
            @Schema(nullable = true, examples = "503") Integer lastStatusCode,
            @Schema(nullable = true) String lastError,
            OffsetDateTime createdAt,
            @Schema(nullable = true) OffsetDateTime deliveredAt,
            List<AttemptView> attempts) {

        static DeliveryView of(Delivery d, String eventType, List<Attempt> attempts) {
            return new DeliveryView(d.id, d.eventId, eventType, d.status, d.attempts,
                    Delivery.PENDING.equals(d.status) ? d.nextAttemptAt : null, d.lastStatusCode, d.lastError,
                    d.createdAt, d.deliveredAt, attempts.stream().map(AttemptView::of).toList());
        }
    }

    @Schema(name = "WebhookDeliveryList")
    public record DeliveryList(List<DeliveryView> deliveries, Statistics statistics) {
    }
}
