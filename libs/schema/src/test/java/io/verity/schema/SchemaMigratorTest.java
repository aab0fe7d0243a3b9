package io.verity.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Test;

class SchemaMigratorTest {

    static EmbeddedPostgres postgres;
    String url;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
    }

    /** Each test gets an empty database of its own, so none depends on another having run. */
    @BeforeEach
    void emptyDatabase(TestInfo test) throws SQLException {
        String name = "t_" + test.getTestMethod().orElseThrow().getName().toLowerCase();
        try (Connection c = postgres.getPostgresDatabase().getConnection()) {
            c.createStatement().execute("CREATE DATABASE " + name);
        }
        url = postgres.getJdbcUrl("postgres", name);
    }

    private Connection connect() throws SQLException {
        return java.sql.DriverManager.getConnection(url, "postgres", null);
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    @Test
    void appliesEveryMigrationToAnEmptyDatabaseOnceAndOnlyOnce() throws Exception {
        MigrateResult first = SchemaMigrator.migrate(url, "postgres", null);
        assertThat(first.success).isTrue();
        assertThat(first.migrationsExecuted).isPositive();

        try (Connection c = connect()) {
            assertThat(strings(c, "SELECT schema_name FROM information_schema.schemata"))
                    .contains(SchemaMigrator.SCHEMAS);
            assertThat(strings(c, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'core'"))
                    .contains("clients", "api_keys", "outbox", "flyway_schema_history");
            assertThat(strings(c, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'weights'"))
                    .contains("weights_versions", "requirements_versions");
        }

        MigrateResult second = SchemaMigrator.migrate(url, "postgres", null);
        assertThat(second.migrationsExecuted).isZero();
        assertThat(second.targetSchemaVersion).isNull();
    }

    @Test
    void apiKeysKeepOnlyAThirtyTwoByteHash() throws Exception {
        SchemaMigrator.migrate(url, "postgres", null);
        try (Connection c = connect()) {
            c.createStatement().execute(
                    "INSERT INTO core.clients (id, name) VALUES ('00000000-0000-0000-0000-000000000001', 'acme')");
            var insertShortHash = c.prepareStatement("INSERT INTO core.api_keys (id, client_id, name, prefix, key_hash) "
                    + "VALUES (gen_random_uuid(), '00000000-0000-0000-0000-000000000001', 'k', 'p1', ?)");
            insertShortHash.setBytes(1, new byte[5]);
            org.junit.jupiter.api.Assertions.assertThrows(SQLException.class, insertShortHash::execute);
        }
    }

    @Test
    void weightsAndRequirementsVersionsAreInsertOnlyButGoWithTheirClient() throws Exception {
        SchemaMigrator.migrate(url, "postgres", null);
        try (Connection c = connect()) {
            c.createStatement().execute(
                    "INSERT INTO core.clients (id, name) VALUES ('00000000-0000-0000-0000-000000000002', 'tuned')");
            for (String table : List.of("weights_versions", "requirements_versions")) {
                String insert = insertVersion(c, table);
                c.createStatement().execute(insert);
                c.createStatement().execute(insert);
                assertThatThrownBy(() -> c.createStatement().execute("UPDATE weights." + table + " SET created_by = 'x'"))
                        .isInstanceOf(SQLException.class).hasMessageContaining("immutable");
                assertThatThrownBy(() -> c.createStatement().execute("DELETE FROM weights." + table))
                        .isInstanceOf(SQLException.class).hasMessageContaining("immutable");
            }
            c.createStatement().execute("DELETE FROM core.clients WHERE id = '00000000-0000-0000-0000-000000000002'");
            assertThat(strings(c, "SELECT count(*) FROM weights.weights_versions")).containsExactly("0");
            assertThat(strings(c, "SELECT count(*) FROM weights.requirements_versions")).containsExactly("0");
        }
    }

    /** An insert of a version with every value column set (0.5 for numbers, true for booleans). */
    private static String insertVersion(Connection c, String table) throws SQLException {
        List<String> columns = strings(c, "SELECT column_name FROM information_schema.columns WHERE table_schema = "
                + "'weights' AND table_name = '" + table + "' AND data_type IN ('double precision', 'boolean') "
                + "ORDER BY ordinal_position");
        List<String> values = strings(c, "SELECT CASE data_type WHEN 'boolean' THEN 'true' ELSE '0.5' END FROM "
                + "information_schema.columns WHERE table_schema = 'weights' AND table_name = '" + table
                + "' AND data_type IN ('double precision', 'boolean') ORDER BY ordinal_position");
        String keys = table.equals("requirements_versions") ? ", type_e, data_source_e" : "";
        String keyValues = table.equals("requirements_versions") ? ", 'passport', 'mrz'" : "";
        return "INSERT INTO weights." + table + " (id, client_id, origin, created_by" + keys + ", "
                + String.join(", ", columns) + ") VALUES (gen_random_uuid(), '00000000-0000-0000-0000-000000000002', "
                + "'update', 'test'" + keyValues + ", " + String.join(", ", values) + ")";
    }

    private static List<String> strings(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = c.createStatement().executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
