package io.verity.launcher;

import io.verity.testsupport.KeycloakServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The local suite's Keycloak: started from the distribution the build unpacked, on 127.0.0.1:8180 (the address that
 * {@code VERITY_OIDC_URL} defaults to), with the realm of {@code k8s/base/keycloak/verity-realm.json} imported and
 * the passwords of {@code .verity/secrets.properties}. Its database is in memory: the realm is the file's, every start.
 */
final class IdentityProvider implements AutoCloseable {

    static final List<String> USERS = List.of("admin", "reviewer");
    static final String CONSOLE_SECRET = "keycloak_console_secret";
    private static final String BOOTSTRAP_SECRET = "keycloak_bootstrap_password";
    private static final int PORT = Integer.parseInt(System.getenv().getOrDefault("VERITY_KEYCLOAK_PORT", "8180"));

    private final Path repository;
    private final Path log;
    private final Properties secrets;
    private final KeycloakServer server;
    private Instant readyAt;

    private IdentityProvider(Path repository, Path log, Properties secrets, KeycloakServer server) {
        this.repository = repository;
        this.log = log;
        this.secrets = secrets;
        this.server = server;
    }

    static IdentityProvider start(Path repository, Path logs, Path run, Properties secrets) throws Exception {
        Path log = logs.resolve("keycloak.log");
        KeycloakServer server = KeycloakServer.start(PORT, secrets.getProperty(BOOTSTRAP_SECRET), log);
        Files.writeString(run.resolve("keycloak.pid"), Long.toString(server.process().pid()));
        System.out.printf("starting   keycloak (pid %d, %s)%n", server.process().pid(), KeycloakServer.distribution());
        return new IdentityProvider(repository, log, secrets, server);
    }

    /** Adds the Keycloak secrets a properties file lacks; true if it added any. */
    static boolean addSecrets(Properties secrets, SecureRandom random) {
        boolean added = false;
        for (String key : List.of(BOOTSTRAP_SECRET, CONSOLE_SECRET, password("admin"), password("reviewer"))) {
            if (secrets.getProperty(key) == null) {
                // 32 bytes for the console's client secret: Quarkus also derives the PKCE state key from it
                byte[] value = new byte[key.equals(CONSOLE_SECRET) ? 32 : 18];
                random.nextBytes(value);
                secrets.setProperty(key, Base64.getUrlEncoder().withoutPadding().encodeToString(value));
                added = true;
            }
        }
        return added;
    }

    private static String password(String user) {
        return "keycloak_" + user + "_password";
    }

    boolean awaitReadyAndImport(Duration within) throws Exception {
        if (!server.awaitReady(within.isNegative() ? Duration.ofSeconds(30) : within)) {
            return false;
        }
        server.importRealm(repository.resolve("k8s/base/keycloak/verity-realm.json"),
                Map.of("admin", secrets.getProperty(password("admin")), "reviewer", secrets.getProperty(password("reviewer"))),
                secrets.getProperty(CONSOLE_SECRET), ServiceSpec.ALL.get(3).url());
        readyAt = Instant.now();
        return true;
    }

    Duration readyAfter(Instant started) {
        return Duration.between(started, readyAt);
    }

    String realmUrl() {
        return server.realmUrl();
    }

    Path log() {
        return log;
    }

    void printLogins(String consoleUrl, boolean newPasswords) {
        if (newPasswords) {
            System.out.println("admin console " + consoleUrl + "; log in as (passwords shown this once; kept in .verity/secrets.properties):");
            for (String user : USERS) {
                System.out.printf("  %-9s %s%n", user, secrets.getProperty(password(user)));
            }
        } else {
            System.out.println("admin console " + consoleUrl + "; users " + String.join(" and ", USERS)
                    + ", passwords in .verity/secrets.properties (keycloak_<user>_password)");
        }
        System.out.println("admin token for curl: bin/verity token admin");
    }

    /** Prints a token of {@code user} as the last word of the output. */
    static int printToken(Properties secrets, String user) throws Exception {
        String password = secrets.getProperty(password(user));
        if (password == null) {
            System.err.println("unknown user " + user + "; the local realm has " + String.join(" and ", USERS));
            return 2;
        }
        String realm = System.getenv().getOrDefault("VERITY_OIDC_URL", "http://127.0.0.1:" + PORT + "/realms/" + KeycloakServer.REALM);
        try {
            System.out.println(KeycloakServer.passwordGrant(realm, user, password));
            return 0;
        } catch (java.io.IOException e) {
            System.err.println("Keycloak does not answer at " + realm + " (bin/verity up starts it unless --no-keycloak)");
            return 1;
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
