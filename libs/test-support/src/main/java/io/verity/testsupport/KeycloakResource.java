package io.verity.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * A real Keycloak ({@link KeycloakServer}) with the verity realm for a browser test class: started once for the class
 * (its first start takes a minute or more on two cores), users {@code admin} and {@code reviewer} with fresh
 * passwords, the console client's secret, and the service under test on a port chosen here (the realm's redirect URIs
 * must name it before Quarkus starts). The config it returns points the service's default OIDC tenant and its
 * {@code console} tenant at the realm; the passwords are in {@code verity.test.admin-password} and
 * {@code verity.test.reviewer-password}, the realm in {@code verity.test.realm-url}.
 */
public class KeycloakResource implements QuarkusTestResourceLifecycleManager {

    private static final Duration READY_WITHIN = Duration.ofSeconds(Long.parseLong(
            System.getenv().getOrDefault("VERITY_KEYCLOAK_READY_S", "300")));

    private KeycloakServer server;

    @Override
    public Map<String, String> start() {
        SecureRandom random = new SecureRandom();
        String adminPassword = secret(random);
        String reviewerPassword = secret(random);
        String consoleSecret = secret(random) + secret(random);
        int keycloakPort = freePort();
        int servicePort = freePort();
        Path repository = Path.of(System.getProperty("verity.repository", "..")).toAbsolutePath().normalize();
        Path log = Path.of("target", "keycloak-for-tests.log").toAbsolutePath();
        try {
            Files.createDirectories(log.getParent());
            server = KeycloakServer.start(keycloakPort, secret(random), log);
            if (!server.awaitReady(READY_WITHIN)) {
                throw new IllegalStateException("Keycloak did not start within " + READY_WITHIN + "; see " + log);
            }
            server.importRealm(repository.resolve("k8s/base/keycloak/verity-realm.json"),
                    Map.of("admin", adminPassword, "reviewer", reviewerPassword), consoleSecret,
                    "http://127.0.0.1:" + servicePort);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.http.test-port", Integer.toString(servicePort));
        config.put("quarkus.oidc.auth-server-url", server.realmUrl());
        config.put("quarkus.oidc.client-id", "verity");
        config.put("quarkus.oidc.token.issuer", server.realmUrl());
        config.put("quarkus.oidc.token.audience", KeycloakServer.AUDIENCE);
        config.put("quarkus.oidc.console.auth-server-url", server.realmUrl());
        config.put("quarkus.oidc.console.credentials.secret", consoleSecret);
        config.put("verity.test.realm-url", server.realmUrl());
        config.put("verity.test.console-secret", consoleSecret);
        config.put("verity.test.admin-password", adminPassword);
        config.put("verity.test.reviewer-password", reviewerPassword);
        return config;
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static String secret(SecureRandom random) {
        byte[] bytes = new byte[18];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
