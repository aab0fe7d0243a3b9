package io.verity.idv;

import io.verity.testsupport.KeycloakServer;
import io.verity.testsupport.ServicesResource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * For the console's review test: a real Keycloak with the verity realm, and a weights-service (which serves the admin
 * console) on {@link SuiteResource}'s database, whose session pages call this idv-service under test. Starts after
 * SuiteResource (order 10) and gives this service a port chosen here, since the console must know it beforehand.
 */
public class ConsoleSuiteResource extends ServicesResource {

    static volatile String consoleUrl;

    private KeycloakServer keycloak;

    public ConsoleSuiteResource() {
        super("idv-service");
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public Map<String, String> start() {
        if (SuiteResource.database == null) {
            throw new IllegalStateException("SuiteResource must start first (it owns the database)");
        }
        attach(SuiteResource.database);
        SecureRandom random = new SecureRandom();
        String admin = secret(random);
        String reviewer = secret(random);
        String consoleSecret = secret(random) + secret(random);
        int idvPort = freePort();
        int consolePort = freePort();
        Path repository = Path.of(System.getProperty("verity.repository", "..")).toAbsolutePath().normalize();
        try {
            keycloak = KeycloakServer.start(freePort(), secret(random), Path.of("target", "keycloak-for-idv-tests.log").toAbsolutePath());
            if (!keycloak.awaitReady(Duration.ofSeconds(300))) {
                throw new IllegalStateException("Keycloak did not start; see target/keycloak-for-idv-tests.log");
            }
            keycloak.importRealm(repository.resolve("k8s/base/keycloak/verity-realm.json"),
                    Map.of("admin", admin, "reviewer", reviewer), consoleSecret, "http://127.0.0.1:" + consolePort);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        Process console = launch("weights-service", "weights-service-console", consolePort, "256m", List.of(), Map.of(
                "VERITY_OIDC_URL", keycloak.realmUrl(),
                "VERITY_CONSOLE_SECRET", consoleSecret,
                "VERITY_IDV_URL", "http://127.0.0.1:" + idvPort));
        awaitReady("weights-service-console", console, consolePort);
        consoleUrl = "http://127.0.0.1:" + consolePort + "/console";

        Map<String, String> config = new HashMap<>();
        config.put("quarkus.http.test-port", Integer.toString(idvPort));
        config.put("quarkus.oidc.auth-server-url", keycloak.realmUrl());
        config.put("quarkus.oidc.client-id", "verity");
        config.put("quarkus.oidc.token.issuer", keycloak.realmUrl());
        config.put("quarkus.oidc.token.audience", KeycloakServer.AUDIENCE);
        config.put("verity.test.realm-url", keycloak.realmUrl());
        config.put("verity.test.admin-password", admin);
        config.put("verity.test.reviewer-password", reviewer);
        return config;
    }

    @Override
    public void stop() {
        super.stop();
        if (keycloak != null) {
            keycloak.close();
        }
    }

    private static String secret(SecureRandom random) {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
