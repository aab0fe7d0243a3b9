package io.verity.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * V12's per-service roles on a real PostgreSQL: a login role in a service's group reads and writes that service's
 * schema and the core tables it needs, and is refused everything else, DDL included (the owner migrates).
 */
class ServiceRolesTest {

    static EmbeddedPostgres postgres;
    static String url;

    @BeforeAll
    static void migrate() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        try (Connection c = postgres.getPostgresDatabase().getConnection()) {
            c.createStatement().execute("CREATE DATABASE roles");
        }
        // Without its "?user=postgres": each connection below names its own role.
        url = postgres.getJdbcUrl("postgres", "roles").replaceFirst("\\?.*$", "");
        SchemaMigrator.migrate(url, "postgres", null);
        try (Connection c = DriverManager.getConnection(url, "postgres", null)) {
            for (String service : new String[] {"identity", "idv", "ida", "weights", "webhook"}) {
                c.createStatement().execute("CREATE ROLE svc_" + service + " LOGIN PASSWORD 'test-only' IN ROLE verity_app_"
                        + service);
            }
            c.createStatement().execute("INSERT INTO core.clients (id, name) VALUES "
                    + "('00000000-0000-0000-0000-000000000001', 'acme')");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    private static Connection as(String service) throws SQLException {
        return DriverManager.getConnection(url, "svc_" + service, "test-only");
    }

    private static void run(Connection c, String sql) throws SQLException {
        c.createStatement().execute(sql);
    }

    @Test
    void theConnectionsLogInAsTheServiceRoles() throws SQLException {
        try (Connection c = as("weights"); var rs = c.createStatement().executeQuery("SELECT current_user")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("svc_weights");
        }
    }

    @Test
    void migratingAgainFindsTheRolesAndChangesNothing() {
        assertThat(SchemaMigrator.migrate(url, "postgres", null).migrationsExecuted).isZero();
    }

    @Test
    void eachServiceUsesItsOwnSchemaAndTheCoreTablesItNeeds() throws SQLException {
        try (Connection c = as("identity")) {
            run(c, "SELECT count(*) FROM identity.templates");
            run(c, "SELECT count(*) FROM core.data_keys");
            run(c, "SELECT count(*) FROM core.api_keys");
            run(c, "DELETE FROM core.outbox WHERE false");
        }
        try (Connection c = as("idv")) {
            run(c, "SELECT count(*) FROM idv.sessions");
            run(c, "DELETE FROM core.blobs WHERE false");
        }
        try (Connection c = as("ida")) {
            run(c, "SELECT count(*) FROM ida.sessions");
            run(c, "DELETE FROM idv.documents WHERE false"); // erasure of IDV data
            run(c, "DELETE FROM core.identities WHERE false");
        }
        try (Connection c = as("weights")) {
            run(c, "SELECT count(*) FROM weights.weights_versions");
            run(c, "UPDATE core.clients SET name = name WHERE false"); // the admin API
        }
        try (Connection c = as("webhook")) {
            run(c, "SELECT count(*) FROM webhook.endpoints");
            run(c, "SELECT count(*) FROM core.data_keys"); // endpoint secrets are sealed
        }
    }

    @Test
    void aServiceIsRefusedOtherServicesDataAndAllDdl() throws SQLException {
        try (Connection c = as("weights")) {
            assertThatThrownBy(() -> run(c, "SELECT count(*) FROM core.data_keys")).hasMessageContaining("permission denied");
            assertThatThrownBy(() -> run(c, "SELECT count(*) FROM identity.templates")).hasMessageContaining("permission denied");
            assertThatThrownBy(() -> run(c, "CREATE TABLE weights.extra (id int)")).hasMessageContaining("permission denied");
        }
        try (Connection c = as("webhook")) {
            assertThatThrownBy(() -> run(c, "SELECT count(*) FROM idv.sessions")).hasMessageContaining("permission denied");
            assertThatThrownBy(() -> run(c, "SELECT count(*) FROM core.blobs")).hasMessageContaining("permission denied");
            assertThatThrownBy(() -> run(c, "UPDATE core.clients SET name = 'x'")).hasMessageContaining("permission denied");
        }
        try (Connection c = as("identity")) {
            assertThatThrownBy(() -> run(c, "SELECT count(*) FROM ida.sessions")).hasMessageContaining("permission denied");
            assertThatThrownBy(() -> run(c, "DROP TABLE identity.templates")).hasMessageContaining("must be owner");
        }
        try (Connection c = as("idv")) {
            assertThatThrownBy(() -> run(c, "SELECT count(*) FROM ida.sessions")).hasMessageContaining("permission denied");
            assertThatThrownBy(() -> run(c, "SELECT count(*) FROM webhook.endpoints")).hasMessageContaining("permission denied");
        }
    }

    @Test
    void tablesThatALaterMigrationCreatesAreGrantedToTheirService() throws SQLException {
        try (Connection owner = DriverManager.getConnection(url, "postgres", null)) {
            run(owner, "CREATE TABLE webhook.later (id int)");
        }
        try (Connection c = as("webhook")) {
            run(c, "INSERT INTO webhook.later VALUES (1)");
        }
        try (Connection c = as("identity")) {
            assertThatThrownBy(() -> run(c, "SELECT * FROM webhook.later")).hasMessageContaining("permission denied");
        }
    }
}
