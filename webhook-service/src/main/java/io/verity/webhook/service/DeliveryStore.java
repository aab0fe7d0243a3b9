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

    // Due rows of enabled endpoints, at most perEndpoint in flight per endpoint counting live leases of every replica;
    // the outer select re-checks status and lease on the locked row, so a row another replica leased meanwhile is
    // skipped, not sent twice.
    private static final String CLAIM = """
            WITH picked AS (
              SELECT c.id FROM webhook.deliveries c
              WHERE c.id IN (
                SELECT ranked.id FROM (
                  SELECT d.id,
                         row_number() OVER (PARTITION BY d.endpoint_id ORDER BY d.next_attempt_at, d.id) AS rn,
                         (SELECT count(*) FROM webhook.deliveries l WHERE l.endpoint_id = d.endpoint_id
                            AND l.status = 'pending' AND l.leased_until > now()) AS busy
                  FROM webhook.deliveries d JOIN webhook.endpoints e ON e.id = d.endpoint_id
                  WHERE d.status = 'pending' AND e.status = 'enabled' AND d.next_attempt_at <= now()
                    AND (d.leased_until IS NULL OR d.leased_until <= now())
                  ORDER BY d.next_attempt_at LIMIT ?) ranked
                WHERE ranked.rn + ranked.busy <= ?)
              AND c.status = 'pending' AND (c.leased_until IS NULL OR c.leased_until <= now())
              ORDER BY c.next_attempt_at
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
            claim.setInt(1, Math.max(limit * 8, 256));
            claim.setInt(2, config.perEndpointConcurrency());
            claim.setInt(3, limit);
            claim.setLong(4, config.lease().toMillis());
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

    /**
     * Records an attempt and what follows from it, in one transaction: the delivery succeeded, waits for its next
     * attempt, or failed; a 410 disables the endpoint, and so does failing for longer than
     * {@code verity.webhooks.disable-after}.
     *
     * @param next when to try again, or null when there is no next attempt
     */
    public void record(Claimed delivery, Outcome outcome, OffsetDateTime next) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement attempt = c.prepareStatement("""
                        INSERT INTO webhook.attempts (delivery_id, client_id, attempted_at, trigger, succeeded, status_code,
                                                      error, latency_ms, response_excerpt)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                    attempt.setObject(1, delivery.deliveryId());
                    attempt.setObject(2, delivery.clientId());
                    attempt.setObject(3, outcome.at());
                    attempt.setString(4, delivery.manual() ? "manual" : "scheduled");
                    attempt.setBoolean(5, outcome.succeeded());
                    setInteger(attempt, 6, outcome.statusCode());
                    attempt.setString(7, outcome.error());
                    attempt.setInt(8, outcome.latencyMs());
                    attempt.setString(9, outcome.excerpt());
                    attempt.executeUpdate();
                }
                String status = outcome.succeeded() ? "succeeded" : next == null ? "failed" : "pending";
                try (PreparedStatement update = c.prepareStatement("""
                        UPDATE webhook.deliveries SET status = ?, attempts = attempts + 1, next_attempt_at = ?,
                               leased_until = NULL, last_status_code = ?, last_error = ?, manual = false,
                               updated_at = now(), delivered_at = CASE WHEN ? THEN ? ELSE delivered_at END
                        WHERE id = ?""")) {
                    update.setString(1, status);
                    update.setObject(2, outcome.succeeded() ? null : next);
                    setInteger(update, 3, outcome.statusCode());
                    update.setString(4, outcome.error());
                    update.setBoolean(5, outcome.succeeded());
                    update.setObject(6, outcome.at());
                    update.setObject(7, delivery.deliveryId());
                    update.executeUpdate();
                }
                if (outcome.succeeded()) {
                    execute(c, "UPDATE webhook.endpoints SET failing_since = NULL WHERE id = ? AND failing_since IS NOT NULL",
                            delivery.endpointId());
                } else if (outcome.statusCode() != null && outcome.statusCode() == 410) {
                    disable(c, delivery.endpointId(), "gone",
                            "the receiver answered 410 Gone at " + outcome.at() + "; deliveries stopped");
                } else {
                    execute(c, "UPDATE webhook.endpoints SET failing_since = now() WHERE id = ? AND failing_since IS NULL",
                            delivery.endpointId());
                    try (PreparedStatement failing = c.prepareStatement("""
                            UPDATE webhook.endpoints SET status = 'disabled', disabled_reason = 'failing',
                                   disabled_detail = 'no delivery accepted since ' || failing_since || '; last: ' || ?,
                                   disabled_at = now(), updated_at = now()
                            WHERE id = ? AND status = 'enabled' AND failing_since < now() - ? * interval '1 millisecond'""")) {
                        failing.setString(1, outcome.statusCode() != null ? "HTTP " + outcome.statusCode()
                                : String.valueOf(outcome.error()));
                        failing.setObject(2, delivery.endpointId());
                        failing.setLong(3, config.disableAfter().toMillis());
                        failing.executeUpdate();
                    }
                }
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

    private static void disable(Connection c, UUID endpointId, String reason, String detail) throws SQLException {
        try (PreparedStatement disable = c.prepareStatement("""
                UPDATE webhook.endpoints SET status = 'disabled', disabled_reason = ?, disabled_detail = ?,
                       disabled_at = now(), updated_at = now()
                WHERE id = ? AND status = 'enabled'""")) {
            disable.setString(1, reason);
            disable.setString(2, detail);
            disable.setObject(3, endpointId);
            disable.executeUpdate();
        }
    }

    private static void execute(Connection c, String sql, UUID id) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            statement.setObject(1, id);
            statement.executeUpdate();
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
