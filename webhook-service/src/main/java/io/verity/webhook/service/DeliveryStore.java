package io.verity.webhook.service;

import io.verity.webhook.config.WebhookConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The delivery state in PostgreSQL, as the workers of every replica share it: claiming due deliveries
 * ({@code FOR UPDATE SKIP LOCKED}, then a lease) and recording each attempt's outcome. Plain JDBC: this is the hot path.
 */
@ApplicationScoped
public class DeliveryStore {

    /** A claimed delivery with what sending it needs. */
    public record Claimed(UUID deliveryId, UUID clientId, UUID endpointId, UUID eventId, int attemptsMade,
            boolean manual, String url, OffsetDateTime endpointVersion, byte[] secret, byte[] previousSecret,
            OffsetDateTime previousSecretExpiresAt, String body) {
    }

    /** What one attempt came to. */
    public record Outcome(OffsetDateTime at, boolean succeeded, Integer statusCode, String error, int latencyMs,
            String excerpt, boolean permanent) {
    }

    // Every step is driven by the small materialized window (primary-key lookups), so the plan stays cheap even before
    // the table has statistics (a freshly queued backlog otherwise invited a nested scan of the whole table).
    // Due rows of enabled endpoints with free slots, at most perEndpoint in flight per endpoint counting live leases of
    // every replica. Only the oldest due rows are looked at (a window of scan rows, by the partial index on
    // next_attempt_at), and endpoints already at their limit are left out of that window, so one endpoint's backlog
    // cannot crowd the others out for longer than one claim. The outer select re-checks status and lease on the
    // locked row, so a row another replica leased meanwhile is skipped, not sent twice.
    private static final String CLAIM = """
            WITH busy AS MATERIALIZED (
              SELECT endpoint_id, count(*) AS n FROM webhook.deliveries
              WHERE status = 'pending' AND leased_until > now() GROUP BY endpoint_id),
            due AS MATERIALIZED (
              SELECT d.id, d.endpoint_id, d.next_attempt_at FROM webhook.deliveries d
              WHERE d.status = 'pending' AND d.next_attempt_at <= now()
                AND (d.leased_until IS NULL OR d.leased_until <= now())
                AND d.endpoint_id IN (SELECT id FROM webhook.endpoints WHERE status = 'enabled')
                AND d.endpoint_id NOT IN (SELECT endpoint_id FROM busy WHERE n >= ?)
              ORDER BY d.next_attempt_at LIMIT ?),
            ranked AS MATERIALIZED (
              SELECT id, endpoint_id, next_attempt_at,
                     row_number() OVER (PARTITION BY endpoint_id ORDER BY next_attempt_at, id) AS rn
              FROM due),
            picked AS (
              SELECT c.id FROM ranked r
              LEFT JOIN busy b ON b.endpoint_id = r.endpoint_id
              JOIN webhook.deliveries c ON c.id = r.id
              WHERE r.rn + coalesce(b.n, 0) <= ?
                AND c.status = 'pending' AND (c.leased_until IS NULL OR c.leased_until <= now())
              ORDER BY r.next_attempt_at
              LIMIT ?
              FOR UPDATE OF c SKIP LOCKED)
            UPDATE webhook.deliveries d SET leased_until = now() + ? * interval '1 millisecond'
            FROM picked, webhook.endpoints e, webhook.events ev
            WHERE d.id = picked.id AND e.id = d.endpoint_id AND ev.id = d.event_id
            RETURNING d.id, d.client_id, d.endpoint_id, d.event_id, d.attempts, d.manual, e.url, e.updated_at,
                      e.secret, e.previous_secret, e.previous_secret_expires_at, ev.body""";

    @Inject
    DataSource dataSource;

    @Inject
    WebhookConfig config;

    /** Leases up to {@code limit} due deliveries to this replica. */
    public List<Claimed> claim(int limit) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement claim = c.prepareStatement(CLAIM)) {
            claim.setInt(1, config.perEndpointConcurrency());
            claim.setInt(2, Math.max(limit * 3, 256)); // the window: enough rows to fill the slots from many endpoints
            claim.setInt(3, config.perEndpointConcurrency());
            claim.setInt(4, limit);
            claim.setLong(5, config.lease().toMillis());
            List<Claimed> claimed = new ArrayList<>();
            try (ResultSet rs = claim.executeQuery()) {
                while (rs.next()) {
                    claimed.add(new Claimed(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                            rs.getObject(3, UUID.class), rs.getObject(4, UUID.class), rs.getInt(5), rs.getBoolean(6),
                            rs.getString(7), rs.getObject(8, OffsetDateTime.class), rs.getBytes(9), rs.getBytes(10),
                            rs.getObject(11, OffsetDateTime.class), rs.getString(12)));
                }
            }
            return claimed;
        }
    }

    /** A finished attempt waiting to be recorded; {@code next} is when to try again, null when there is no next try. */
    public record Finished(Claimed delivery, Outcome outcome, OffsetDateTime next) {
    }

    /**
     * Records finished attempts and what follows from them, in one transaction with batched statements: each
     * delivery succeeded, waits for its next attempt, or failed, and its lease is dropped; a 410 disables the endpoint,
     * and so does failing for longer than {@code verity.webhooks.disable-after}; a success clears the endpoint's
     * failing_since.
     */
    public void record(List<Finished> finished) throws SQLException {
        if (finished.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement attempt = c.prepareStatement("""
                         INSERT INTO webhook.attempts (delivery_id, client_id, attempted_at, trigger, succeeded,
                                                       status_code, error, latency_ms, response_excerpt)
                         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""");
                 PreparedStatement update = c.prepareStatement("""
                         UPDATE webhook.deliveries SET status = ?, attempts = attempts + 1, next_attempt_at = ?,
                                leased_until = NULL, last_status_code = ?, last_error = ?, manual = false,
                                updated_at = now(), delivered_at = CASE WHEN ? THEN ? ELSE delivered_at END
                         WHERE id = ?""");
                 PreparedStatement healthy = c.prepareStatement(
                         "UPDATE webhook.endpoints SET failing_since = NULL WHERE id = ANY (?) AND failing_since IS NOT NULL");
                 PreparedStatement failing = c.prepareStatement(
                         "UPDATE webhook.endpoints SET failing_since = now() WHERE id = ANY (?) AND failing_since IS NULL");
                 PreparedStatement tooLong = c.prepareStatement("""
                         UPDATE webhook.endpoints SET status = 'disabled', disabled_reason = 'failing',
                                disabled_detail = 'no delivery accepted since ' || failing_since || '; last: ' || ?,
                                disabled_at = now(), updated_at = now()
                         WHERE id = ? AND status = 'enabled' AND failing_since < now() - ? * interval '1 millisecond'""");
                 PreparedStatement gone = c.prepareStatement("""
                         UPDATE webhook.endpoints SET status = 'disabled', disabled_reason = 'gone', disabled_detail = ?,
                                disabled_at = now(), updated_at = now()
                         WHERE id = ? AND status = 'enabled'""")) {
                java.util.Set<UUID> succeededAt = new java.util.HashSet<>();
                java.util.Map<UUID, Outcome> failedAt = new java.util.HashMap<>();
                for (Finished f : finished) {
                    Claimed delivery = f.delivery();
                    Outcome outcome = f.outcome();
                    attempt.setObject(1, delivery.deliveryId());
                    attempt.setObject(2, delivery.clientId());
                    attempt.setObject(3, outcome.at());
                    attempt.setString(4, delivery.manual() ? "manual" : "scheduled");
                    attempt.setBoolean(5, outcome.succeeded());
                    setInteger(attempt, 6, outcome.statusCode());
                    attempt.setString(7, outcome.error());
                    attempt.setInt(8, outcome.latencyMs());
                    attempt.setString(9, outcome.excerpt());
                    attempt.addBatch();
                    update.setString(1, outcome.succeeded() ? "succeeded" : f.next() == null ? "failed" : "pending");
                    update.setObject(2, outcome.succeeded() ? null : f.next());
                    setInteger(update, 3, outcome.statusCode());
                    update.setString(4, outcome.error());
                    update.setBoolean(5, outcome.succeeded());
                    update.setObject(6, outcome.at());
                    update.setObject(7, delivery.deliveryId());
                    update.addBatch();
                    if (outcome.succeeded()) {
                        succeededAt.add(delivery.endpointId());
                    } else if (outcome.statusCode() != null && outcome.statusCode() == 410) {
                        gone.setString(1, "the receiver answered 410 Gone at " + outcome.at() + "; deliveries stopped");
                        gone.setObject(2, delivery.endpointId());
                        gone.addBatch();
                    } else {
                        failedAt.put(delivery.endpointId(), outcome);
                    }
                }
                failedAt.keySet().removeAll(succeededAt); // the endpoint accepted something: not failing
                attempt.executeBatch();
                update.executeBatch();
                gone.executeBatch();
                healthy.setArray(1, c.createArrayOf("uuid", succeededAt.toArray()));
                healthy.executeUpdate();
                failing.setArray(1, c.createArrayOf("uuid", failedAt.keySet().toArray()));
                failing.executeUpdate();
                for (java.util.Map.Entry<UUID, Outcome> f : failedAt.entrySet()) {
                    tooLong.setString(1, f.getValue().statusCode() != null ? "HTTP " + f.getValue().statusCode()
                            : String.valueOf(f.getValue().error()));
                    tooLong.setObject(2, f.getKey());
                    tooLong.setLong(3, config.disableAfter().toMillis());
                    tooLong.addBatch();
                }
                tooLong.executeBatch();
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** Gives a lease back without an attempt (this replica is stopping), so another replica takes it at once. */
    public void release(List<UUID> deliveryIds) throws SQLException {
        if (deliveryIds.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement release = c.prepareStatement(
                "UPDATE webhook.deliveries SET leased_until = NULL WHERE id = ANY (?) AND status = 'pending'")) {
            release.setArray(1, c.createArrayOf("uuid", deliveryIds.toArray()));
            release.executeUpdate();
        }
    }

    private static void setInteger(PreparedStatement statement, int index, Integer value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.INTEGER);
        } else {
            statement.setInt(index, value);
        }
    }
}
