package io.verity.launcher;

import java.nio.file.Path;
import java.util.Arrays;

/** {@code bin/verity} behind the script: {@code up}, {@code down}, {@code status}. */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) throws Exception {
        // Flyway and the embedded PostgreSQL log through java.util.logging: warnings only, the launcher says the rest.
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
        for (var handler : java.util.logging.Logger.getLogger("").getHandlers()) {
            handler.setLevel(java.util.logging.Level.WARNING);
        }
        Path repository = Path.of(System.getProperty("verity.repository", ".")).toAbsolutePath().normalize();
        Path home = Path.of(System.getenv().getOrDefault("VERITY_HOME", repository.resolve(".verity").toString()));
        String command = args.length == 0 ? "help" : args[0];
        String[] rest = Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
        int exit = switch (command) {
            case "up" -> {
                boolean keycloak = !Arrays.asList(rest).contains("--no-keycloak");
                rest = Arrays.stream(rest).filter(a -> !a.equals("--no-keycloak")).toArray(String[]::new);
                yield new Suite(repository, home).up(keycloak);
            }
            case "token" -> {
                String user = rest.length == 0 ? "admin" : rest[0];
                rest = new String[0];
                yield new Suite(repository, home).token(user);
            }
            case "down" -> new Suite(repository, home).down();
            case "status" -> new Suite(repository, home).status();
            case "bench-identify" -> new IdentifyBenchmark(repository, home).run();
            case "bench-fairness" -> new FairnessBenchmark(repository, home).run();
            case "bench-webhooks" -> new WebhookBenchmark(repository).run();
            case "bench-idv" -> new IdvBenchmark(repository, home).run();
            case "bench-documents" -> new DocumentBenchmark().run();
            case "bench-ida" -> new IdaBenchmark(repository, home).run();
            default -> {
                System.out.println("""
                        usage: bin/verity <command>
                          up       start PostgreSQL (embedded unless VERITY_DB_URL is set), migrate, create the demo
                                   client and key, start the five services on 8081-8085 and wait until they are ready
                          down     stop everything that 'up' started
                          status   show what runs where
                          token U  an access token of the local Keycloak's user U (admin, reviewer), as the last word
                        """);
                yield "help".equals(command) ? 0 : 2;
            }
        };
        if (rest.length > 0) {
            System.err.println("ignored arguments: " + String.join(" ", rest));
        }
        System.exit(exit);
    }
}
