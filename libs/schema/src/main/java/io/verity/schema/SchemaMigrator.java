package io.verity.schema;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Applies Verity's migrations ({@code classpath:db/migration}) to a PostgreSQL database.
 *
 * <p>This is the only place that changes the schema: the launcher and the tests call {@link #migrate},
 * the Kubernetes migrate Job runs {@link #main}. Services only validate the schema with Hibernate.
 */
public final class SchemaMigrator {

    /** Every schema Verity owns, one per bounded context; Flyway's history lives in the first. */
    public static final String[] SCHEMAS = {"core", "identity", "idv", "ida", "weights", "webhook"};

    private SchemaMigrator() {
    }

    public static MigrateResult migrate(String jdbcUrl, String user, String password) {
        return Flyway.configure()
                .dataSource(jdbcUrl, user, password)
                .schemas(SCHEMAS)
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }

    /** {@code java -cp … io.verity.schema.SchemaMigrator} with VERITY_DB_URL, VERITY_DB_USER, VERITY_DB_PASSWORD. */
    public static void main(String[] args) {
        String url = requiredEnv("VERITY_DB_URL");
        MigrateResult result = migrate(url, requiredEnv("VERITY_DB_USER"), System.getenv("VERITY_DB_PASSWORD"));
        System.out.printf("schema migrated: %d migration(s) applied, now at version %s%n",
                result.migrationsExecuted, result.targetSchemaVersion);
    }

    private static String requiredEnv(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            System.err.println(name + " is not set");
            System.exit(2);
        }
        return value;
    }
}
