package io.verity.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * A real Keycloak from the {@code keycloak-quarkus-dist} that the build unpacked into {@code ~/.cache/verity/keycloak}
 * (libs/test-support's pom), in development mode on loopback with an in-memory database: every start imports the
 * realm afresh. Plain Java (JDK and Jackson only), so that the launcher uses it too.
 */
public final class KeycloakServer implements AutoCloseable {

    public static final String REALM = "verity";
    public static final String CONSOLE_CLIENT = "verity-console";
    public static final String CLI_CLIENT = "verity-cli";
    /** The audience the realm's clients add to access tokens and the services check. */
    public static final String AUDIENCE = "verity";
    private static final String BOOTSTRAP_USER = "bootstrap";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final int port;
    private final String bootstrapPassword;
    private final Process process;

    private KeycloakServer(int port, String bootstrapPassword, Process process) {
        this.port = port;
        this.bootstrapPassword = bootstrapPassword;
        this.process = process;
    }

    /** The unpacked distribution: {@code VERITY_KEYCLOAK_HOME}, else the version this build pinned under the cache. */
    public static Path distribution() {
        String explicit = System.getenv("VERITY_KEYCLOAK_HOME");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        Properties pinned = new Properties();
        try (InputStream in = KeycloakServer.class.getResourceAsStream("keycloak.properties")) {
            pinned.load(in);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("keycloak.properties is missing from verity-test-support's jar", e);
        }
        String cache = System.getenv().getOrDefault("XDG_CACHE_HOME", System.getProperty("user.home") + "/.cache");
        return Path.of(cache, "verity", "keycloak", "keycloak-" + pinned.getProperty("keycloak.version"));
    }

    /**
     * Starts Keycloak on 127.0.0.1:{@code port} (and its management interface, unused, nowhere: health and metrics
     * stay off). Returns at once; {@link #awaitReady} waits. The output goes to {@code log}.
     */
    public static KeycloakServer start(int port, String bootstrapPassword, Path log) {
        Path kc = distribution().resolve("bin/kc.sh");
        if (!Files.isExecutable(kc)) {
            throw new IllegalStateException(kc + " is missing: build the reactor (libs/test-support unpacks Keycloak)");
        }
        // db=dev-mem is a build option: every caller passes the same options, so only the first start re-augments.
        ProcessBuilder builder = new ProcessBuilder(kc.toString(), "start-dev", "--http-host=127.0.0.1",
                "--http-port=" + port, "--db=dev-mem", "--hostname-strict=false")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> env = builder.environment();
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", BOOTSTRAP_USER);
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", bootstrapPassword);
        env.put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
        env.put("JAVA_OPTS_APPEND", "-XX:TieredStopAtLevel=1");
        try {
            return new KeycloakServer(port, bootstrapPassword, builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + kc, e);
        }
    }

    public Process process() {
        return process;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** The realm's issuer, what the services' {@code quarkus.oidc.auth-server-url} is. */
    public String realmUrl() {
        return url() + "/realms/" + REALM;
    }

    /** Waits until the master realm answers; false if the process ended or the time ran out. */
    public boolean awaitReady(Duration within) throws InterruptedException {
        Instant until = Instant.now().plus(within);
        while (Instant.now().isBefore(until)) {
            if (!process.isAlive()) {
                return false;
            }
            try {
                HttpRequest request = HttpRequest.newBuilder(URI.create(url() + "/realms/master/.well-known/openid-configuration"))
                        .timeout(Duration.ofSeconds(2)).GET().build();
                if (HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return true;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        return false;
    }

    /**
     * Imports {@code realmJson} (k8s/base/keycloak/verity-realm.json) through the admin API, with what the file
     * deliberately lacks: the users' passwords, the console client's secret and where the console runs.
     *
     * @param consoleUrl the console's origin, such as {@code http://127.0.0.1:8084}
     */
    public void importRealm(Path realmJson, Map<String, String> passwords, String consoleSecret, String consoleUrl)
            throws IOException, InterruptedException {
        ObjectNode realm = (ObjectNode) JSON.readTree(realmJson.toFile());
        for (JsonNode client : realm.withArray("clients")) {
            if (CONSOLE_CLIENT.equals(client.path("clientId").asText())) {
                ObjectNode console = (ObjectNode) client;
                console.put("secret", consoleSecret);
                console.put("rootUrl", consoleUrl);
                ArrayNode redirects = console.putArray("redirectUris");
                redirects.add(consoleUrl + "/console/*");
                redirects.add(consoleUrl.replace("127.0.0.1", "localhost") + "/console/*");
            }
        }
        for (JsonNode user : realm.withArray("users")) {
            String password = passwords.get(user.path("username").asText());
            if (password != null) {
                ArrayNode credentials = ((ObjectNode) user).putArray("credentials");
                credentials.addObject().put("type", "password").put("value", password).put("temporary", false);
            }
        }
        HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/admin/realms"))
                .header("Authorization", "Bearer " + bootstrapToken())
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(realm))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 201) {
            throw new IllegalStateException("Keycloak refused the realm: " + created.statusCode() + " " + created.body());
        }
    }

    /** An access token of {@code user} from the realm's command-line client (password grant). */
    public static String passwordGrant(String realmUrl, String user, String password) throws IOException, InterruptedException {
        JsonNode answer = tokenRequest(realmUrl, Map.of("grant_type", "password", "client_id", CLI_CLIENT,
                "username", user, "password", password, "scope", "openid"));
        return answer.path("access_token").asText();
    }

    private String bootstrapToken() throws IOException, InterruptedException {
        return tokenRequest(url() + "/realms/master", Map.of("grant_type", "password", "client_id", "admin-cli",
                "username", BOOTSTRAP_USER, "password", bootstrapPassword)).path("access_token").asText();
    }

    private static JsonNode tokenRequest(String realmUrl, Map<String, String> form) throws IOException, InterruptedException {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(realmUrl + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("no token from " + realmUrl + ": " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }

    @Override
    public void close() {
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        process.destroy();
        all.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
                all.forEach(ProcessHandle::destroyForcibly);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
