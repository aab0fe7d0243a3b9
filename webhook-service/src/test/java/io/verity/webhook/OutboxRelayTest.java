package io.verity.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.verity.platform.outbox.OutboxRelay;
import io.verity.testsupport.TestTenants;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The platform's outbox relay against this service's intake: nothing is marked until accepted; resending is harmless. */
@QuarkusTest
class OutboxRelayTest {

    static final Receiver RECEIVER = new Receiver();

    @Inject
    TestTenants tenants;

    @Inject
    DataSource db;

    @AfterAll
    static void stop() {
        RECEIVER.close();
    }

    OutboxRelay relay(URI base) {
        return new OutboxRelay(db, "idv-service", new OutboxRelay.Settings(base.resolve("/internal/v1/events"),
                Events.INTERNAL_TOKEN, Duration.ofMillis(50), Duration.ofMillis(200), 100, Duration.ofSeconds(2)),
                new ObjectMapper());
    }

    @Test
    void rowsStayUnpublishedUntilTheIntakeAcceptsThemAndASessionUrlTravelsWithTheEvent() throws Exception {
        TestTenants.Tenant tenant = tenants.create("relay");
        DeliveryTest.create(RECEIVER, tenant, "/relay-all", null);
        UUID first = insert(tenant.clientId(), "{\"session_id\": \"s-1\", \"status\": \"completed\", \"webhook_url\": \""
                + RECEIVER.url("/relay-session") + "\"}");
        UUID second = insert(tenant.clientId(), "{\"session_id\": \"s-2\", \"status\": \"completed\"}");

        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (OutboxRelay down = relay(URI.create("http://127.0.0.1:" + closedPort))) {
            assertThatThrownBy(down::relayOnce).isInstanceOf(IOException.class);
        }
        assertThat(published(first)).isFalse();
        assertThat(published(second)).isFalse();

        URI live = URI.create(RestAssured.baseURI + ":" + RestAssured.port);
        try (OutboxRelay up = relay(live)) {
            while (up.relayOnce() > 0) {
                // drains every service's rows of this source, ours included
            }
        }
        assertThat(published(first)).isTrue();
        assertThat(published(second)).isTrue();
        Events.await(DeliveryTest.WAIT, "both events at the endpoint and the session's at its URL",
                () -> RECEIVER.received("/relay-all").size() == 2 && RECEIVER.received("/relay-session").size() == 1);
        assertThat(RECEIVER.received("/relay-session").get(0).header("webhook-id")).isEqualTo(first.toString());

        // relayed again (a crash after the intake answered, before the commit): the intake ignores it
        execute("UPDATE core.outbox SET published_at = NULL WHERE event_id = '" + first + "'");
        try (OutboxRelay again = relay(live)) {
            assertThat(again.relayOnce()).isGreaterThanOrEqualTo(1);
        }
        Thread.sleep(500);
        assertThat(RECEIVER.received("/relay-all")).hasSize(2);
        assertThat(RECEIVER.received("/relay-session")).hasSize(1);
    }

    UUID insert(UUID clientId, String payload) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement insert = c.prepareStatement("""
                INSERT INTO core.outbox (client_id, source_service, aggregate_type, aggregate_id, event_type, payload)
                VALUES (?, 'idv-service', 'idv_session', 's', 'idv.session.completed', ?::jsonb) RETURNING event_id""")) {
            insert.setObject(1, clientId);
            insert.setString(2, payload);
            try (ResultSet rs = insert.executeQuery()) {
                rs.next();
                return rs.getObject(1, UUID.class);
            }
        }
    }

    boolean published(UUID eventId) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement select = c.prepareStatement(
                "SELECT published_at IS NOT NULL FROM core.outbox WHERE event_id = ?")) {
            select.setObject(1, eventId);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    void execute(String sql) throws SQLException {
        try (Connection c = db.getConnection()) {
            c.createStatement().executeUpdate(sql);
        }
    }
}
