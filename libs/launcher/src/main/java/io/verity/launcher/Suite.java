package io.verity.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/** Starts, stops and reports on the local suite. State lives under {@code VERITY_HOME} (default {@code .verity/}). */
final class Suite {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(Long.parseLong(
            System.getenv().getOrDefault("VERITY_READY_TIMEOUT_S", "240")));
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private final Path repository;
    private final Path home;
    private final Path run;
    private final Path logs;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private volatile boolean stopping;
    /** The Keycloak users' passwords were made by this run: print them (once). */
    private boolean newLogins;

    Suite(Path repository, Path home) {
        this.repository = repository;
        this.home = home;
        this.run = home.resolve("run");
        this.logs = home.resolve("logs");
    }

    int up(boolean withKeycloak) throws Exception {
        Files.createDirectories(run);
        Files.createDirectories(logs);
        Optional<ProcessHandle> running = pidFrom(run.resolve("launcher.pid"));
        if (running.isPresent()) {
            System.err.println("the suite is already running (launcher pid " + running.get().pid() + "); see bin/verity status");
            return 1;
        }
        for (ServiceSpec service : ServiceSpec.ALL) {
            if (!Files.isRegularFile(service.runnableJar(repository))) {
                System.err.println(service.name() + " is not built: run ./mvnw install -DskipTests (bin/verity does this for you)");
                return 1;
            }
        }
        Files.writeString(run.resolve("launcher.pid"), Long.toString(ProcessHandle.current().pid()));
        Properties secrets = secrets();

        Instant started = Instant.now();
        List<Process> processes = new ArrayList<>();
        // Keycloak first: it takes longest (35-76 s on its first start); the services contact it lazily.
        IdentityProvider keycloak = withKeycloak ? IdentityProvider.start(repository, logs, run, secrets) : null;
        Database database;
        try {
            database = Database.open(home);
        } catch (IOException | RuntimeException e) {
            if (keycloak != null) {
                keycloak.close();
            }
            throw e;
        }
        Thread stopper = new Thread(() -> stopAll(processes, database, keycloak), "verity-stop");
        Runtime.getRuntime().addShutdownHook(stopper);

        System.out.printf("database   %s (%s)%n", database.url, database.embedded() ? "embedded PostgreSQL, data in "
                + home.resolve("pgdata") : "external");
        System.out.printf("migrations %d applied%n", database.migrate());
        String demoKey = database.issueDemoKey();

        for (ServiceSpec service : ServiceSpec.ALL) {
            processes.add(start(service, database, secrets, keycloak == null ? null : keycloak.realmUrl()));
        }
        Map<ServiceSpec, Duration> readyAfter = new LinkedHashMap<>();
        for (int i = 0; i < ServiceSpec.ALL.size(); i++) {
            ServiceSpec service = ServiceSpec.ALL.get(i);
            if (!awaitReady(service, processes.get(i), started)) {
                System.err.println(service.name() + " did not become ready; the end of " + logOf(service) + ":");
                tail(logOf(service), 40).forEach(System.err::println);
                return 1; // the shutdown hook stops what was started
            }
            readyAfter.put(service, Duration.between(started, Instant.now()));
        }
        if (keycloak != null) {
            // its first start re-augments the distribution (1-3 minutes on two busy cores): more time than a service
            Duration keycloakTimeout = Duration.ofSeconds(Long.parseLong(System.getenv().getOrDefault("VERITY_KEYCLOAK_READY_S", "360")));
            if (!keycloak.awaitReadyAndImport(keycloakTimeout.minus(Duration.between(started, Instant.now())))) {
                System.err.println("Keycloak did not become ready; the end of " + keycloak.log() + ":");
                tail(keycloak.log(), 40).forEach(System.err::println);
                return 1;
            }
        }

        System.out.println();
        readyAfter.forEach((service, after) -> System.out.printf("%-17s %s   ready after %.1f s   log %s%n",
                service.name(), service.url(), after.toMillis() / 1000.0, repository.relativize(logOf(service))));
        if (keycloak != null) {
            System.out.printf("%-17s %s   ready after %.1f s   log %s%n", "keycloak", keycloak.realmUrl(),
                    keycloak.readyAfter(started).toMillis() / 1000.0, repository.relativize(keycloak.log()));
        }
        System.out.println();
        if (keycloak != null) {
            keycloak.printLogins(ServiceSpec.ALL.get(3).url() + "/console", newLogins);
        } else {
            System.out.println("no identity provider (--no-keycloak): admin calls answer 503 unless VERITY_OIDC_URL names one");
        }
        System.out.println();
        System.out.println("demo client API key (shown once; only its hash is stored):");
        System.out.println("  " + demoKey);
        System.out.println();
        System.out.println("try:  curl -H 'x-api-key: " + demoKey + "' " + ServiceSpec.ALL.get(0).url() + "/health");
        System.out.println("stop: Ctrl-C here, or bin/verity down");
        Files.writeString(run.resolve("ready"), Instant.now().toString());

        for (int i = 0; i < processes.size(); i++) {
            int exit = processes.get(i).waitFor();
            if (stopping) {
                break;
            }
            System.err.println(ServiceSpec.ALL.get(i).name() + " exited with status " + exit + "; see "
                    + logOf(ServiceSpec.ALL.get(i)));
        }
        return 0;
    }

    int down() throws Exception {
        Optional<ProcessHandle> launcher = pidFrom(run.resolve("launcher.pid"));
        if (launcher.isPresent()) {
            launcher.get().destroy();
            try {
                launcher.get().onExit().get(STOP_GRACE.toSeconds() + 15, java.util.concurrent.TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                launcher.get().destroyForcibly();
            }
        }
        // Whatever the launcher could not stop (it was killed, say): services first, then PostgreSQL.
        int stray = 0;
        for (ServiceSpec service : ServiceSpec.ALL) {
            stray += stop(pidFrom(run.resolve(service.name() + ".pid")));
        }
        stray += stop(pidFrom(run.resolve("keycloak.pid")));
        stray += stop(postgresPid());
        clearRunState();
        System.out.println(launcher.isPresent() || stray > 0 ? "stopped" : "nothing was running");
        return 0;
    }

    int status() throws Exception {
        Optional<ProcessHandle> launcher = pidFrom(run.resolve("launcher.pid"));
        System.out.printf("%-17s %-24s %-8s %s%n", "component", "url", "pid", "state");
        System.out.printf("%-17s %-24s %-8s %s%n", "launcher", "-", launcher.map(p -> Long.toString(p.pid())).orElse("-"),
                launcher.isPresent() ? "running" : "stopped");
        Optional<ProcessHandle> pg = postgresPid();
        System.out.printf("%-17s %-24s %-8s %s%n", "postgresql", "127.0.0.1:" + System.getenv().getOrDefault("VERITY_PG_PORT", "54329"),
                pg.map(p -> Long.toString(p.pid())).orElse("-"), pg.isPresent() ? "running" : "stopped (or external)");
        Optional<ProcessHandle> keycloak = pidFrom(run.resolve("keycloak.pid"));
        System.out.printf("%-17s %-24s %-8s %s%n", "keycloak", "127.0.0.1:" + System.getenv().getOrDefault("VERITY_KEYCLOAK_PORT", "8180"),
                keycloak.map(p -> Long.toString(p.pid())).orElse("-"), keycloak.isPresent() ? "running" : "stopped (or --no-keycloak)");
        boolean allReady = launcher.isPresent();
        for (ServiceSpec service : ServiceSpec.ALL) {
            Optional<ProcessHandle> pid = pidFrom(run.resolve(service.name() + ".pid"));
            String state = pid.isEmpty() ? "stopped" : ready(service) ? "ready" : "starting or unhealthy";
            allReady &= "ready".equals(state);
            System.out.printf("%-17s %-24s %-8s %s%n", service.name(), service.url(),
                    pid.map(p -> Long.toString(p.pid())).orElse("-"), state);
        }
        return allReady ? 0 : 3;
    }

    private Process start(ServiceSpec service, Database database, Properties secrets, String realmUrl) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                javaExecutable(), "-Xmx" + service.heap(), "-XX:+UseSerialGC",
                "-Dai.djl.offline=true",
                "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.http.port=" + service.port()));
        command.addAll(service.jvmArgs());
        String extra = System.getenv("VERITY_JAVA_OPTS");
        if (extra != null && !extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        command.addAll(List.of("-jar", service.runnableJar(repository).toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(repository.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logOf(service).toFile()));
        Map<String, String> env = builder.environment();
        env.put("OPT_OUT_TRACKING", "true");
        env.put("VERITY_DB_URL", database.url);
        env.put("VERITY_DB_USER", database.user);
        env.put("VERITY_DB_PASSWORD", database.password);
        env.put("VERITY_INTERNAL_TOKEN", secrets.getProperty("internal_token"));
        env.put("VERITY_MASTER_KEY", secrets.getProperty("master_key"));
        env.putIfAbsent("VERITY_ENVIRONMENT", "local");
        // the admin console (weights-service) logs in at the local Keycloak with the secret the launcher gave its client
        env.put("VERITY_CONSOLE_SECRET", secrets.getProperty(IdentityProvider.CONSOLE_SECRET));
        if (realmUrl != null) {
            env.putIfAbsent("VERITY_OIDC_URL", realmUrl); // the Keycloak started here (VERITY_KEYCLOAK_PORT may move it)
        }
        env.putIfAbsent("VERITY_IDV_URL", ServiceSpec.ALL.get(1).url());
        // where the services reach each other (the defaults, unless VERITY_PORT_OFFSET moved the ports)
        env.putIfAbsent("VERITY_MATCHER_URL", ServiceSpec.ALL.get(0).url());
        env.putIfAbsent("VERITY_WEIGHTS_URL", ServiceSpec.ALL.get(3).url());
        env.putIfAbsent("VERITY_OUTBOX_RELAY_URL", ServiceSpec.ALL.get(4).url());
        // The local suite may fetch image_url from this machine by name (serve test photos from localhost);
        // addresses such as 127.0.0.1 stay refused. Set VERITY_OUTBOUND_ALLOW_LIST to change it.
        env.putIfAbsent("VERITY_OUTBOUND_ALLOW_LIST", "localhost");
        // Sanctions screening needs an OFAC SDN list; locally the shared test copy (2021) serves unless one is named.
        Path sdnCopy = repository.resolve("../shared/data/sanctions").normalize();
        if (!env.containsKey("VERITY_SANCTIONS_SOURCE") && Files.isDirectory(sdnCopy)) {
            env.put("VERITY_SANCTIONS_SOURCE", sdnCopy.toString());
        }
        Process process = builder.start();
        Files.writeString(run.resolve(service.name() + ".pid"), Long.toString(process.pid()));
        System.out.printf("starting   %s (pid %d)%n", service.name(), process.pid());
        return process;
    }

    private boolean awaitReady(ServiceSpec service, Process process, Instant started) throws InterruptedException {
        while (Duration.between(started, Instant.now()).compareTo(READY_TIMEOUT) < 0) {
            if (!process.isAlive()) {
                return false;
            }
            if (ready(service)) {
                return true;
            }
            Thread.sleep(250);
        }
        return false;
    }

    private boolean ready(ServiceSpec service) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(service.url() + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(2)).GET().build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void stopAll(List<Process> processes, Database database, IdentityProvider keycloak) {
        stopping = true;
        processes.forEach(Process::destroy);
        if (keycloak != null) {
            keycloak.close();
        }
        for (Process p : processes) {
            try {
                if (!p.waitFor(STOP_GRACE.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
            }
        }
        try {
            database.close();
        } catch (IOException e) {
            System.err.println("could not stop PostgreSQL cleanly: " + e.getMessage());
        }
        try {
            clearRunState();
        } catch (IOException e) {
            System.err.println("could not clear " + run + ": " + e.getMessage());
        }
        System.out.println("the suite is stopped");
    }

    /** Secrets of the local suite, made once and kept so that encrypted data stays readable across restarts. */
    private Properties secrets() throws IOException {
        Path file = home.resolve("secrets.properties");
        Properties secrets = new Properties();
        if (Files.exists(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                secrets.load(in);
            }
            if (IdentityProvider.addSecrets(secrets, new SecureRandom())) { // a .verity/ of a version before Keycloak
                newLogins = true;
                store(secrets, file);
            }
            return secrets;
        }
        SecureRandom random = new SecureRandom();
        secrets.setProperty("internal_token", randomBase64(random, 32));
        secrets.setProperty("master_key", randomBase64(random, 32));
        newLogins = IdentityProvider.addSecrets(secrets, random);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        store(secrets, file);
        return secrets;
    }

    private static void store(Properties secrets, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            secrets.store(out, "local secrets of bin/verity: the internal service token, the master key (AES-256), "
                    + "the Keycloak users' passwords and the console client's secret");
        }
    }

    /** {@code bin/verity token USER}: an access token of the local Keycloak's user, as the last word. */
    int token(String user) throws Exception {
        Path file = home.resolve("secrets.properties");
        if (!Files.exists(file)) {
            System.err.println("no " + file + ": start the suite first (bin/verity up)");
            return 1;
        }
        Properties secrets = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            secrets.load(in);
        }
        return IdentityProvider.printToken(secrets, user);
    }

    private static String randomBase64(SecureRandom random, int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return Base64.getEncoder().encodeToString(value);
    }

    private Optional<ProcessHandle> postgresPid() {
        return pidFrom(home.resolve("pgdata/postmaster.pid"));
    }

    private static Optional<ProcessHandle> pidFrom(Path file) {
        try {
            String first = Files.readAllLines(file).get(0).trim();
            return ProcessHandle.of(Long.parseLong(first)).filter(ProcessHandle::isAlive);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static int stop(Optional<ProcessHandle> process) {
        if (process.isEmpty()) {
            return 0;
        }
        process.get().destroy();
        try {
            process.get().onExit().get(STOP_GRACE.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            process.get().destroyForcibly();
        }
        return 1;
    }

    private void clearRunState() throws IOException {
        if (Files.isDirectory(run)) {
            try (var files = Files.list(run)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    private Path logOf(ServiceSpec service) {
        return logs.resolve(service.name() + ".log");
    }

    private static List<String> tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file);
            return all.subList(Math.max(0, all.size() - lines), all.size());
        } catch (IOException e) {
            return List.of("(no log: " + e.getMessage() + ")");
        }
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
