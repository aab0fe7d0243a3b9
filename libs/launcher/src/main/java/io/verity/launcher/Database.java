package io.verity.launcher;

import io.verity.platform.tenancy.ApiKeyCodec;
import io.verity.schema.SchemaMigrator;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/** The suite's PostgreSQL: the one VERITY_DB_URL names, or an embedded one whose data survives restarts. */
final class Database implements AutoCloseable {

    static final String DEMO_CLIENT = "demo";
    private static final String DEMO_KEY_NAME = "demo key (bin/verity up)";

    final String url;
    final String user;
    final String password;
    private final EmbeddedPostgres embedded;

    private Database(String url, String user, String password, EmbeddedPostgres embedded) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.embedded = embedded;
    }

    static Database open(Path home) throws IOException {
        String external = System.getenv("VERITY_DB_URL");
        if (external != null && !external.isBlank()) {
            return new Database(external, System.getenv().getOrDefault("VERITY_DB_USER", "verity"),
                    System.getenv().getOrDefault("VERITY_DB_PASSWORD", ""), null);
        }
        int port = Integer.parseInt(System.getenv().getOrDefault("VERITY_PG_PORT", "54329"));
        EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setDataDirectory(home.resolve("pgdata"))
                .setCleanDataDirectory(false)
                .setPort(port)
                .setRegisterShutdownHook(true)
                .start();
        return new Database(pg.getJdbcUrl("postgres", "postgres"), "postgres", "", pg);
    }

    boolean embedded() {
        return embedded != null;
    }

    int migrate() {
        return SchemaMigrator.migrate(url, user, password).migrationsExecuted;
    }

    /** Creates the demo client if needed and gives it a fresh key, revoking the keys earlier runs printed. */
    String issueDemoKey() throws SQLException {
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            c.setAutoCommit(false);
            UUID clientId = demoClient(c);
            try (PreparedStatement revoke = c.prepareStatement(
                    "UPDATE core.api_keys SET revoked_at = now() WHERE client_id = ? AND name = ? AND revoked_at IS NULL")) {
                revoke.setObject(1, clientId);
                revoke.setString(2, DEMO_KEY_NAME);
                revoke.executeUpdate();
            }
            String key = insertKey(c, clientId, DEMO_KEY_NAME);
            c.commit();
            return key;
        }
    }

    private static UUID demoClient(Connection c) throws SQLException {
        try (PreparedStatement find = c.prepareStatement("SELECT id FROM core.clients WHERE name = ?")) {
            find.setString(1, DEMO_CLIENT);
            try (ResultSet rs = find.executeQuery()) {
                if (rs.next()) {
                    return rs.getObject(1, UUID.class);
                }
            }
        }
        UUID id = UUID.randomUUID();
        insertClient(c, id, DEMO_CLIENT);
        return id;
    }

    static void insertClient(Connection c, UUID id, String name) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO core.clients (id, name) VALUES (?, ?)")) {
            insert.setObject(1, id);
            insert.setString(2, name);
            insert.executeUpdate();
        }
    }

    /** Issues a key as the admin API does (only its prefix and hash are stored) and returns it, the only time it is seen. */
    static String insertKey(Connection c, UUID clientId, String name) throws SQLException {
        ApiKeyCodec.GeneratedKey key = ApiKeyCodec.generate();
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO core.api_keys (id, client_id, name, prefix, key_hash) VALUES (?, ?, ?, ?, ?)")) {
            insert.setObject(1, UUID.randomUUID());
            insert.setObject(2, clientId);
            insert.setString(3, name);
            insert.setString(4, key.prefix());
            insert.setBytes(5, key.hash());
            insert.executeUpdate();
        }
        return key.key();
    }

    @Override
    public void close() throws IOException {
        if (embedded != null) {
            embedded.close();
        }
    }
}
