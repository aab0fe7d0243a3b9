package io.verity.launcher;

import static io.verity.launcher.SessionCalls.As.BACKEND;
import static io.verity.launcher.SessionCalls.As.INTERNAL;
import static io.verity.launcher.SessionCalls.As.SDK;
import static io.verity.launcher.SessionCalls.b64;
import static io.verity.launcher.SessionCalls.field;
import static io.verity.launcher.SessionCalls.median;

import io.verity.documents.tools.AamvaFixtures;
import io.verity.documents.tools.Photos;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;

/**
 * {@code bin/verity bench ida}: whole identity authentications over HTTP against the running suite. Obama is verified
 * once through idv-service; each round then creates an IDA session, generates a liveness token, sends another photo
 * of him as the one passive frame and finalizes (authenticated). The reference, measured in the same round, is the
 * matcher's own work on the same images: one analyze-set call of the identity's document front and the frame, with
 * the frame compared to the identity's verified templates (what ida-service asks the matcher). Prints per-round
 * figures and, last, {@code ida_session_seconds=<p50> ida_overhead_ratio=<p50 authentication / p50 matcher>}.
 */
final class IdaBenchmark {

    private static final int WARMUP = 5;
    private static final int ROUNDS = 20;

    private final Path data;
    private final Path home;
    private final String matcherUrl = ServiceSpec.ALL.get(0).url();
    private final String idvUrl = ServiceSpec.ALL.get(1).url();
    private final String idaUrl = ServiceSpec.ALL.get(2).url();
    private SessionCalls calls;

    IdaBenchmark(Path repository, Path home) {
        this.data = repository.resolve("../shared/data").normalize();
        this.home = home;
    }

    int run() throws Exception {
        Properties secrets = new Properties();
        try (InputStream in = Files.newInputStream(home.resolve("secrets.properties"))) {
            secrets.load(in);
        }
        String dbUrl = System.getenv().getOrDefault("VERITY_DB_URL",
                "jdbc:postgresql://localhost:" + System.getenv().getOrDefault("VERITY_PG_PORT", "54329") + "/postgres");
        UUID clientId = UUID.randomUUID();
        String apiKey;
        try (Connection db = DriverManager.getConnection(dbUrl, System.getenv().getOrDefault("VERITY_DB_USER", "postgres"),
                System.getenv().getOrDefault("VERITY_DB_PASSWORD", ""))) {
            Database.insertClient(db, clientId, "bench-ida-" + clientId);
            apiKey = Database.insertKey(db, clientId, "bench ida");
        }
        calls = new SessionCalls(clientId, apiKey, secrets.getProperty("internal_token"));
        byte[] front = read("faces/obama/obama-3.jpg");
        byte[] enrolled = read("faces/obama/obama-1.jpg");
        byte[] probe = read("faces/obama/obama-2.jpg");
        String identity = verify(front, enrolled);
        System.out.println("verified through idv-service: identity " + identity);

        List<Double> sessions = new ArrayList<>();
        List<Double> matcher = new ArrayList<>();
        int authenticated = 0;
        for (int round = 0; round < WARMUP + ROUNDS; round++) {
            long t0 = System.nanoTime();
            boolean ok = authenticate(identity, probe);
            double seconds = (System.nanoTime() - t0) / 1e9;
            long t1 = System.nanoTime();
            String set = "{\"images\":[\"" + b64(front) + "\",\"" + b64(probe) + "\"],\"verify\":{\"index\":1,"
                    + "\"gallery\":\"verified-identities\",\"subject_id\":\"" + identity + "\"}}";
            calls.post(matcherUrl + "/internal/v1/faces/analyze-set", set, INTERNAL);
            double reference = (System.nanoTime() - t1) / 1e9;
            if (round >= WARMUP) {
                sessions.add(seconds);
                matcher.add(reference);
                authenticated += ok ? 1 : 0;
                System.out.printf(Locale.ROOT, "round %2d: authentication %.3f s (authenticated=%s), matcher on the same 2 images %.3f s%n",
                        round - WARMUP + 1, seconds, ok, reference);
            }
        }
        double p50 = median(sessions);
        double ref = median(matcher);
        System.out.printf(Locale.ROOT, "authenticated %d of %d%n", authenticated, ROUNDS);
        System.out.printf(Locale.ROOT, "ida_session_seconds=%.3f ida_overhead_ratio=%.2f%n", p50, p50 / ref);
        return authenticated == ROUNDS ? 0 : 1;
    }

    private String verify(byte[] front, byte[] selfie) throws Exception {
        String session = field(calls.post(idvUrl + "/v1/sessions", "{\"liveness_mode\":\"passive\"}", BACKEND), "session_id");
        calls.post(idvUrl + "/v1/sdk/consent", "{\"session_id\":\"" + session + "\",\"consented\":true}", SDK);
        calls.post(idvUrl + "/v1/sdk/document-type", "{\"session_id\":\"" + session + "\",\"document_type_e\":\"driver_license\"}", SDK);
        // a generated US licence with the person's photo (the real document reader must accept it)
        AamvaFixtures.Holder holder = AamvaFixtures.sample("USA");
        calls.upload(idvUrl + "/v1/sdk/documents/front", session, Photos.licenceFrontJpeg(holder, front));
        calls.upload(idvUrl + "/v1/sdk/documents/back", session, Photos.licenceBackJpeg(holder));
        calls.post(idvUrl + "/v1/sdk/liveness/generate", "{\"session_id\":\"" + session + "\",\"latitude\":48.8566,\"longitude\":2.3522}", SDK);
        calls.post(idvUrl + "/v1/sdk/liveness/process", "{\"session_id\":\"" + session + "\",\"latitude\":48.8566,\"longitude\":2.3522,"
                + "\"images\":[\"" + b64(selfie) + "\"]}", SDK);
        String decided = calls.post(idvUrl + "/v1/sdk/finalize", "{\"session_id\":\"" + session + "\",\"settings\":{\"duplicate_face_fail\":false}}", SDK);
        if (!decided.contains("\"verified\":true")) {
            throw new IllegalStateException("the IDV session was not verified: " + decided);
        }
        return field(calls.post(idvUrl + "/v1/sessions/read", "{\"session_id\":\"" + session + "\"}", BACKEND), "identity_id");
    }

    private boolean authenticate(String identity, byte[] probe) throws Exception {
        String session = field(calls.post(idaUrl + "/ida/sessions", "{\"identity_id\":\"" + identity + "\",\"liveness_mode\":\"passive\"}", BACKEND),
                "session_id");
        calls.post(idaUrl + "/ida/sdk/liveness/generate", "{\"session_id\":\"" + session + "\",\"latitude\":40.7128,\"longitude\":-74.006}", SDK);
        calls.post(idaUrl + "/ida/sdk/liveness/process", "{\"session_id\":\"" + session + "\",\"latitude\":40.7128,\"longitude\":-74.006,"
                + "\"images\":[\"" + b64(probe) + "\"]}", SDK);
        String decided = calls.post(idaUrl + "/ida/sdk/finalize", "{\"session_id\":\"" + session + "\"}", SDK);
        return decided.contains("\"authenticated\":true");
    }

    private byte[] read(String relative) throws IOException {
        return Files.readAllBytes(data.resolve(relative));
    }
}
