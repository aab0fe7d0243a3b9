package io.verity.platform.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.verity.platform.security.InternalTokenAuthenticationMechanism;
import io.verity.platform.security.ServiceTokens;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Relays one service's unpublished outbox rows ({@code core.outbox}, {@code source_service} = the service) to
 * webhook-service's intake, {@code POST /internal/v1/events}, in id order. A row is marked published only after the
 * intake answered 2xx, so an event written in a service's transaction is never lost: while webhook-service is down
 * the relay keeps retrying with a capped exponential backoff. The intake is idempotent on the event id, so a row sent
 * twice (a crash between the answer and the commit) is harmless.
 *
 * <p>Replicas of one service share the rows: a batch is read {@code FOR UPDATE SKIP LOCKED} and stays locked until it
 * is marked, so two replicas never send the same batch at once.
 *
 * <p>The contract of a payload: an outbox payload is the event's {@code data}. A top-level string {@code webhook_url}
 * in it (an IDV session's own URL) is sent as the event's {@code webhook_url}: webhook-service then delivers the event
 * to that URL too. Plain Java (a {@link DataSource} and the JDK's HTTP client) so that tests and tools can run one.
 */
public final class OutboxRelay implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final Duration QUIET_WARNINGS = Duration.ofMinutes(1);

    /** Where to send, how often to look, how long to wait. */
    public record Settings(URI intake, String internalToken, Duration interval, Duration maxBackoff, int batchSize,
            Duration timeout) {
    }

    /** The audience of the ServiceAccount token webhook-service accepts: its name. */
    static final String AUDIENCE = "webhook-service";

    private final ServiceTokens serviceTokens;
    private final DataSource dataSource;
    private final String sourceService;
    private final Settings settings;
    private final ObjectMapper json;
    private final HttpClient http;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private volatile boolean running;
    private Thread thread;
    private long lastWarning;

    public OutboxRelay(DataSource dataSource, String sourceService, Settings settings, ObjectMapper json) {
        this(dataSource, sourceService, settings, ServiceTokens.none(), json);
    }

    /** {@code tokens}: in Kubernetes, this service's ServiceAccount token for webhook-service replaces the internal token. */
    public OutboxRelay(DataSource dataSource, String sourceService, Settings settings, ServiceTokens tokens,
            ObjectMapper json) {
        this.serviceTokens = tokens;
        this.dataSource = dataSource;
        this.sourceService = sourceService;
        this.settings = settings;
        this.json = json;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.timeout()).build();
    }

    /** Starts relaying on a thread of its own until {@link #close()}. */
    public synchronized OutboxRelay start() {
        if (thread == null) {
            running = true;
            thread = Thread.ofPlatform().daemon().name("outbox-relay-" + sourceService).start(this::loop);
        }
        return this;
    }

    /** Asks the relay to look now rather than at its next interval (after a commit that wrote events, say). */
    public void nudge() {
        lock.lock();
        try {
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public synchronized void close() {
        running = false;
        if (thread != null) {
            nudge();
            thread.interrupt();
            try {
                thread.join(settings.timeout().toMillis() + 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
    }

    private void loop() {
        Duration backoff = settings.interval();
        while (running) {
            Duration pause = settings.interval();
            try {
                int sent = relayOnce();
                backoff = settings.interval();
                if (sent == settings.batchSize()) {
                    continue; // more are waiting
                }
            } catch (IOException | SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                warn(e);
                backoff = min(backoff.multipliedBy(2), settings.maxBackoff());
                pause = backoff;
            }
            sleep(pause);
        }
    }

    /**
     * Sends the oldest unpublished rows (one batch) and marks what the intake accepted.
     *
     * @return how many rows were relayed
     * @throws IOException when webhook-service could not be reached or refused the batch (nothing is marked)
     */
    public int relayOnce() throws IOException, SQLException {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                List<Row> rows = claim(c);
                Map<UUID, List<Row>> byClient = new LinkedHashMap<>();
                rows.forEach(row -> byClient.computeIfAbsent(row.clientId, k -> new ArrayList<>()).add(row));
                List<Long> published = new ArrayList<>();
                IOException failure = null;
                for (Map.Entry<UUID, List<Row>> group : byClient.entrySet()) {
                    try {
                        post(group.getKey(), group.getValue());
                        group.getValue().forEach(row -> published.add(row.id));
                    } catch (IOException e) {
                        failure = e; // the other clients' events still go; these stay unpublished
                    }
                }
                markPublished(c, published);
                c.commit();
                if (failure != null) {
                    throw failure;
                }
                if (!published.isEmpty()) {
                    LOG.debugf("relayed %d events of %s", published.size(), sourceService);
                }
                return published.size();
            } catch (IOException | SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        }
    }

    private record Row(long id, UUID eventId, UUID clientId, String aggregateType, String aggregateId, String type,
            String payload, OffsetDateTime createdAt) {
    }

    private List<Row> claim(Connection c) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("""
                SELECT id, event_id, client_id, aggregate_type, aggregate_id, event_type, payload::text, created_at
                FROM core.outbox WHERE published_at IS NULL AND source_service = ?
                ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED""")) {
            select.setString(1, sourceService);
            select.setInt(2, settings.batchSize());
            List<Row> rows = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getLong(1), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                            rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                            rs.getObject(8, OffsetDateTime.class)));
                }
            }
            return rows;
        }
    }

    private void post(UUID clientId, List<Row> rows) throws IOException {
        ObjectNode body = json.createObjectNode();
        ArrayNode events = body.putArray("events");
        for (Row row : rows) {
            JsonNode data = json.readTree(row.payload);
            ObjectNode event = events.addObject()
                    .put("id", row.eventId.toString())
                    .put("type", row.type)
                    .put("occurred_at", row.createdAt.toString())
                    .put("source_service", sourceService)
                    .put("aggregate_type", row.aggregateType)
                    .put("aggregate_id", row.aggregateId);
            if (data.path("webhook_url").isTextual()) {
                event.put("webhook_url", data.get("webhook_url").asText());
            }
            event.set("data", data);
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(settings.intake())
                .timeout(settings.timeout())
                .header("Content-Type", "application/json")
                .header(InternalTokenAuthenticationMechanism.CLIENT_HEADER, clientId.toString());
        Optional<String> bearer = serviceTokens.bearer(AUDIENCE);
        if (bearer.isPresent()) {
            builder.header("Authorization", "Bearer " + bearer.get());
        } else {
            builder.header(InternalTokenAuthenticationMechanism.TOKEN_HEADER, settings.internalToken());
        }
        HttpRequest request = builder.POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body))).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while relaying events", e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new IOException("webhook-service intake answered HTTP " + response.statusCode() + " for "
                    + rows.size() + " events of client " + clientId);
        }
    }

    private static void markPublished(Connection c, List<Long> ids) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement mark = c.prepareStatement(
                "UPDATE core.outbox SET published_at = now() WHERE id = ANY (?)")) {
            mark.setArray(1, c.createArrayOf("bigint", ids.toArray()));
            mark.executeUpdate();
        }
    }

    private void warn(Exception e) {
        long now = System.nanoTime();
        String message = e instanceof IOException && e.getMessage() != null ? e.getMessage() : e.toString();
        if (lastWarning == 0 || now - lastWarning > QUIET_WARNINGS.toNanos()) {
            lastWarning = now;
            LOG.warnf("outbox relay of %s: events wait (retrying, next warning in a minute at most): %s",
                    sourceService, message);
        } else {
            LOG.debugf("outbox relay of %s: %s", sourceService, message);
        }
    }

    private void sleep(Duration pause) {
        lock.lock();
        try {
            if (running) {
                wake.awaitNanos(pause.toNanos());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            lock.unlock();
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
