package io.verity.webhook.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;
import io.verity.platform.error.ProblemException;
import io.verity.platform.net.OutboundHttp;
import io.verity.webhook.config.WebhookConfig;
import io.verity.webhook.domain.Attempt;
import io.verity.webhook.domain.Delivery;
import io.verity.webhook.domain.Endpoint;
import io.verity.webhook.domain.WebhookEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/** A client's endpoints: create, change, enable and disable, rotate secrets, send tests, read and redo deliveries. */
@ApplicationScoped
public class EndpointService {

    private static final Logger LOG = Logger.getLogger(EndpointService.class);
    public static final int MAX_URL_LENGTH = 2048;
    public static final Duration MAX_GRACE = Duration.ofDays(7);

    /** An endpoint with its secret in clear, which is shown only in this answer. */
    public record WithSecret(Endpoint endpoint, String secret) {
    }

    /** The page of a list and the total it is from. */
    public record Page<T>(List<T> items, long total) {
    }

    @Inject
    OutboundHttp outbound;

    @Inject
    EndpointSecrets secrets;

    @Inject
    EntityManager entityManager;

    @Inject
    WebhookConfig config;

    @Inject
    DeliveryWorker worker;

    @Inject
    IntakeService intake;

    @Inject
    ObjectMapper json;

    public WithSecret create(UUID clientId, String name, String url, List<String> eventTypes) {
        String checkedName = name(name);
        String checkedUrl = url(url);
        String[] types = eventTypes(eventTypes);
        String secret = Signatures.newSecret();
        UUID id = UUID.randomUUID();
        byte[] sealed = secrets.seal(clientId, id, secret);
        Endpoint endpoint = QuarkusTransaction.requiringNew().call(() -> {
            Endpoint e = new Endpoint();
            e.id = id;
            e.clientId = clientId;
            e.name = checkedName;
            e.url = checkedUrl;
            e.eventTypes = types;
            e.origin = Endpoint.ORIGIN_API;
            e.status = Endpoint.ENABLED;
            e.secret = sealed;
            e.createdAt = OffsetDateTime.now();
            e.updatedAt = e.createdAt;
            e.persist();
            return e;
        });
        LOG.infof("webhook endpoint %s created for client %s (%s)", id, clientId,
                types.length == 0 ? "all events" : String.join(",", types));
        return new WithSecret(endpoint, secret);
    }

    public Page<Endpoint> list(UUID clientId, int take, int skip, String searchTerm) {
        return QuarkusTransaction.requiringNew().call(() -> {
            var query = searchTerm == null || searchTerm.isBlank()
                    ? Endpoint.<Endpoint>find("clientId", Sort.descending("createdAt").and("id"), clientId)
                    : Endpoint.<Endpoint>find("clientId = ?1 and (lower(name) like ?2 escape '\\' or lower(url) like ?2 escape '\\')",
                            Sort.descending("createdAt").and("id"), clientId, like(searchTerm));
            return new Page<>(query.range(skip, skip + take - 1).list(), query.count());
        });
    }

    public Endpoint read(UUID clientId, UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> find(clientId, id));
    }

    /** Changes what is given (null: unchanged); a new URL is checked like a created one. */
    public Endpoint update(UUID clientId, UUID id, String name, String url, List<String> eventTypes) {
        String checkedName = name == null ? null : name(name);
        String checkedUrl = url == null ? null : url(url);
        String[] types = eventTypes == null ? null : eventTypes(eventTypes);
        return QuarkusTransaction.requiringNew().call(() -> {
            Endpoint e = find(clientId, id);
            if (checkedName != null) {
                e.name = checkedName;
            }
            if (checkedUrl != null) {
                e.url = checkedUrl;
            }
            if (types != null) {
                e.eventTypes = types;
            }
            e.updatedAt = OffsetDateTime.now();
            return e;
        });
    }

    public Endpoint delete(UUID clientId, UUID id) {
        Endpoint deleted = QuarkusTransaction.requiringNew().call(() -> {
            Endpoint e = find(clientId, id);
            e.delete();
            return e;
        });
        LOG.infof("webhook endpoint %s of client %s deleted with its deliveries", id, clientId);
        return deleted;
    }

    /** Enables an endpoint; its pending deliveries are due at once. */
    public Endpoint enable(UUID clientId, UUID id) {
        Endpoint endpoint = QuarkusTransaction.requiringNew().call(() -> {
            Endpoint e = find(clientId, id);
            e.status = Endpoint.ENABLED;
            e.disabledReason = null;
            e.disabledDetail = null;
            e.disabledAt = null;
            e.failingSince = null;
            e.updatedAt = OffsetDateTime.now();
            Delivery.update("nextAttemptAt = ?1, updatedAt = ?1 where endpointId = ?2 and status = ?3",
                    e.updatedAt, id, Delivery.PENDING);
            return e;
        });
        worker.wakeUp();
        return endpoint;
    }

    public Endpoint disable(UUID clientId, UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Endpoint e = find(clientId, id);
            if (Endpoint.ENABLED.equals(e.status)) {
                e.status = Endpoint.DISABLED;
                e.disabledReason = "manual";
                e.disabledDetail = "disabled through the API";
                e.disabledAt = OffsetDateTime.now();
                e.updatedAt = e.disabledAt;
            }
            return e;
        });
    }

    /** A new secret; the previous one keeps signing (a second signature) for {@code grace}. */
    public WithSecret rotate(UUID clientId, UUID id, Duration grace) {
        Duration g = grace == null ? config.rotationGrace() : grace;
        if (g.isNegative() || g.compareTo(MAX_GRACE) > 0) {
            throw ProblemException.invalidField("grace_period_seconds", "must be between 0 and " + MAX_GRACE.toSeconds());
        }
        String secret = Signatures.newSecret();
        byte[] sealed = secrets.seal(clientId, id, secret);
        Endpoint endpoint = QuarkusTransaction.requiringNew().call(() -> {
            Endpoint e = find(clientId, id);
            OffsetDateTime now = OffsetDateTime.now();
            e.previousSecret = g.isZero() ? null : e.secret;
            e.previousSecretExpiresAt = g.isZero() ? null : now.plus(g);
            e.secret = sealed;
            e.updatedAt = now;
            return e;
        });
        LOG.infof("secret of webhook endpoint %s rotated; the previous one signs until %s", id,
                endpoint.previousSecretExpiresAt);
        return new WithSecret(endpoint, secret);
    }

    /** Queues a {@code webhook.test} event to this endpoint only. */
    public Delivery sendTest(UUID clientId, UUID id) {
        Endpoint endpoint = read(clientId, id);
        requireEnabled(endpoint);
        UUID eventId = UUID.randomUUID();
        var data = json.createObjectNode().put("endpoint_id", id.toString())
                .put("message", "A test event from Verity: your endpoint received and can verify it.");
        IntakeService.Incoming event = new IntakeService.Incoming(eventId, EventTypes.TEST, OffsetDateTime.now(),
                "webhook-service", null, data);
        Delivery delivery = QuarkusTransaction.requiringNew().call(() -> {
            WebhookEvent stored = new WebhookEvent();
            stored.id = eventId;
            stored.clientId = clientId;
            stored.type = EventTypes.TEST;
            stored.occurredAt = event.occurredAt();
            stored.sourceService = event.sourceService();
            stored.body = intake.body(clientId, event);
            stored.receivedAt = event.occurredAt();
            stored.persist();
            entityManager.flush();
            intake.queue(clientId, eventId, id);
            Delivery d = Delivery.<Delivery>find("eventId = ?1 and endpointId = ?2", eventId, id).singleResult();
            d.manual = true;
            return d;
        });
        worker.wakeUp();
        return delivery;
    }

    public Page<Delivery> deliveries(UUID clientId, UUID endpointId, int take, int skip, String status) {
        if (status != null && !List.of(Delivery.PENDING, Delivery.SUCCEEDED, Delivery.FAILED).contains(status)) {
            throw ProblemException.invalidField("status", "must be pending, succeeded or failed");
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            find(clientId, endpointId);
            var query = status == null
                    ? Delivery.<Delivery>find("clientId = ?1 and endpointId = ?2", Sort.descending("createdAt").and("id"),
                            clientId, endpointId)
                    : Delivery.<Delivery>find("clientId = ?1 and endpointId = ?2 and status = ?3",
                            Sort.descending("createdAt").and("id"), clientId, endpointId, status);
            return new Page<>(query.range(skip, skip + take - 1).list(), query.count());
        });
    }

    /** The attempts of these deliveries (of one client), oldest first. */
    public Map<UUID, List<Attempt>> attempts(UUID clientId, List<UUID> deliveryIds) {
        if (deliveryIds.isEmpty()) {
            return Map.of();
        }
        return QuarkusTransaction.requiringNew().call(() -> Attempt.<Attempt>find(
                        "clientId = ?1 and deliveryId in ?2", Sort.ascending("id"), clientId, deliveryIds).list()
                .stream().collect(java.util.stream.Collectors.groupingBy(a -> a.deliveryId)));
    }

    /** The event types of these events (of one client). */
    public Map<UUID, String> eventTypesOf(UUID clientId, List<UUID> eventIds) {
        if (eventIds.isEmpty()) {
            return Map.of();
        }
        return QuarkusTransaction.requiringNew().call(() -> entityManager.createQuery(
                        "select e.id, e.type from WebhookEvent e where e.clientId = ?1 and e.id in ?2", Object[].class)
                .setParameter(1, clientId).setParameter(2, eventIds).getResultList()
                .stream().collect(java.util.stream.Collectors.toMap(r -> (UUID) r[0], r -> (String) r[1])));
    }

    /** Sends a delivery again now, whatever its state, with the same webhook-id (the event's id). */
    public Delivery redeliver(UUID clientId, UUID endpointId, UUID deliveryId) {
        Delivery delivery = QuarkusTransaction.requiringNew().call(() -> {
            requireEnabled(find(clientId, endpointId));
            Delivery d = Delivery.ofEndpoint(clientId, endpointId, deliveryId)
                    .orElseThrow(() -> ProblemException.notFound("delivery " + deliveryId));
            OffsetDateTime now = OffsetDateTime.now();
            if (Delivery.PENDING.equals(d.status) && d.leasedUntil != null && d.leasedUntil.isAfter(now)) {
                throw new ProblemException(409, "delivery_in_flight", "this delivery is being sent right now");
            }
            d.status = Delivery.PENDING;
            d.nextAttemptAt = now;
            d.manual = true;
            d.updatedAt = now;
            return d;
        });
        worker.wakeUp();
        return delivery;
    }

    /**
     * The endpoint that receives a session's own {@code webhook_url}: the client's registered endpoint with exactly
     * that URL if there is one (its secret signs), else one created for it (origin {@code session}; its secret is
     * obtained with a rotation).
     */
    public UUID forSessionUrl(UUID clientId, String url) {
        UUID existing = QuarkusTransaction.requiringNew().call(() -> Endpoint.<Endpoint>find(
                        "clientId = ?1 and url = ?2", Sort.ascending("createdAt"), clientId, url).list().stream()
                // a registered endpoint first: the client knows its secret
                .min(java.util.Comparator.comparing(e -> Endpoint.ORIGIN_API.equals(e.origin) ? 0 : 1))
                .map(e -> e.id)
                .orElse(null));
        return existing != null ? existing : createSessionEndpoint(clientId, url);
    }

    private UUID createSessionEndpoint(UUID clientId, String url) {
        UUID id = UUID.randomUUID();
        byte[] sealed = secrets.seal(clientId, id, Signatures.newSecret());
        String name = "session webhook_url " + (url.length() > 150 ? url.substring(0, 150) : url);
        return QuarkusTransaction.requiringNew().call(() -> {
            entityManager.createNativeQuery("""
                            INSERT INTO webhook.endpoints (id, client_id, name, url, origin, secret)
                            VALUES (?1, ?2, ?3, ?4, 'session', ?5)
                            ON CONFLICT (client_id, url) WHERE origin = 'session' DO NOTHING""")
                    .setParameter(1, id).setParameter(2, clientId).setParameter(3, name).setParameter(4, url)
                    .setParameter(5, sealed).executeUpdate();
            return (UUID) entityManager.createNativeQuery(
                            "SELECT id FROM webhook.endpoints WHERE client_id = ?1 AND url = ?2 AND origin = 'session'")
                    .setParameter(1, clientId).setParameter(2, url).getSingleResult();
        });
    }

    private static Endpoint find(UUID clientId, UUID id) {
        return Endpoint.ofClient(clientId, id).orElseThrow(() -> ProblemException.notFound("webhook " + id));
    }

    private static void requireEnabled(Endpoint endpoint) {
        if (!Endpoint.ENABLED.equals(endpoint.status)) {
            throw new ProblemException(409, "endpoint_disabled", "the webhook is disabled (" + endpoint.disabledReason
                    + "); enable it first");
        }
    }

    private static String name(String name) {
        if (name == null || name.isBlank()) {
            throw ProblemException.invalidField("name", "is required");
        }
        String trimmed = name.trim();
        if (trimmed.length() > 200) {
            throw ProblemException.invalidField("name", "must be at most 200 characters");
        }
        return trimmed;
    }

    /** Checks a URL as every delivery will: http(s), no credentials, a public (or allow-listed) address. */
    private String url(String url) {
        if (url == null || url.isBlank()) {
            throw ProblemException.invalidField("url", "is required");
        }
        String trimmed = url.trim();
        if (trimmed.length() > MAX_URL_LENGTH) {
            throw ProblemException.invalidField("url", "must be at most " + MAX_URL_LENGTH + " characters");
        }
        outbound.check(trimmed, "url"); // OutboundRefusedException: 422 with its code and field
        return trimmed;
    }

    private static String[] eventTypes(List<String> eventTypes) {
        if (eventTypes == null) {
            return new String[0];
        }
        LinkedHashSet<String> types = new LinkedHashSet<>();
        for (String type : eventTypes) {
            String t = type == null ? "" : type.trim().toLowerCase(Locale.ROOT);
            if (!EventTypes.KNOWN.contains(t)) {
                throw ProblemException.invalidField("event_types", "unknown event type '" + type + "'; known: "
                        + String.join(", ", EventTypes.KNOWN));
            }
            types.add(t);
        }
        return types.toArray(String[]::new);
    }

    private static String like(String term) {
        String t = term.trim().toLowerCase(Locale.ROOT);
        if (t.length() > 200) {
            throw ProblemException.invalidField("search_term", "must be at most 200 characters");
        }
        return "%" + t.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
