package io.verity.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.verity.schema.SchemaMigrator;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * A real, migrated PostgreSQL for {@code @QuarkusTest}s: the one named by {@code VERITY_DB_URL} (or
 * {@code QUARKUS_DATASOURCE_JDBC_URL}) when set, otherwise an embedded one started for this test run.
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

    private EmbeddedPostgres embedded;

    @Override
    public Map<String, String> start() {
        String url = firstEnv("VERITY_DB_URL", "QUARKUS_DATASOURCE_JDBC_URL");
        String user = firstEnv("VERITY_DB_USER", "QUARKUS_DATASOURCE_USERNAME");
        String password = firstEnv("VERITY_DB_PASSWORD", "QUARKUS_DATASOURCE_PASSWORD");
        if (url == null) {
            try {
                embedded = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("could not start the embedded PostgreSQL", e);
            }
            url = embedded.getJdbcUrl("postgres", "postgres");
            user = "postgres";
            password = "";
        }
        SchemaMigrator.migrate(url, user, password);
        return Map.of(
                "quarkus.datasource.jdbc.url", url,
                "quarkus.datasource.username", user == null ? "verity" : user,
                "quarkus.datasource.password", password == null ? "" : password);
    }

    @Override
    public void stop() {
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                throw new UncheckedIOException("could not stop the embedded PostgreSQL", e);
            }
        }
    }

    private static String firstEnv(String... names) {
        for (String name : names) {
            String value = System.getenv(name);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }
}
