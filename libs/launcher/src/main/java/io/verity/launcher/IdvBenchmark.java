package io.verity.launcher;

import io.verity.documents.tools.AamvaFixtures;
import io.verity.documents.tools.Photos;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code bin/verity bench idv}: whole IDV sessions over HTTP against the running suite — create, consent, document
 * type, front and back, liveness generate and process (a straight frame and two head turns), finalization (which
 * enrols the verified selfie) — with real photos. The reference, measured in the same round, is the matcher's own
 * analysis of the same four images in one call (identity-service's internal analyze-set). Prints per-round figures and,
 * last, {@code idv_session_seconds=<p50> idv_overhead_ratio=<p50 session / p50 matcher>}.
 */
final class IdvBenchmark {

    private static final int WARMUP = 3;
    private static final int ROUNDS = 10;
    private static final Pattern CHALLENGE = Pattern.compile("\"challenge\"\\s*:\\s*\\[([^\\]]*)\\]");

    private final Path data;
    private final Path home;
    private final String idvUrl = ServiceSpec.ALL.get(1).url();
    private final String matcherUrl = ServiceSpec.ALL.get(0).url();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private String apiKey;
    private UUID clientId;
    private String internalToken;

    IdvBenchmark(Path repository, Path home) {
        this.data = repository.resolve("../shared/data").normalize();
        this.home = home;
    }

    int run() throws Exception {
        Properties secrets = new Properties();
        try (InputStream in = Files.newInputStream(home.resolve("secrets.properties"))) {
            secrets.load(in);
        }
        internalToken = secrets.getProperty("internal_token");
        String dbUrl = System.getenv().getOrDefault("VERITY_DB_URL",
                "jdbc:postgresql://localhost:" + System.getenv().getOrDefault("VERITY_PG_PORT", "54329") + "/postgres");
        clientId = UUID.randomUUID();
        try (Connection db = DriverManager.getConnection(dbUrl, System.getenv().getOrDefault("VERITY_DB_USER", "postgres"),
                System.getenv().getOrDefault("VERITY_DB_PASSWORD", ""))) {
            Database.insertClient(db, clientId, "bench-idv-" + clientId);
            apiKey = Database.insertKey(db, clientId, "bench idv");
        }
        // a generated US licence with the person's photo, which the real document reader reads (front and PDF417)
        AamvaFixtures.Holder holder = AamvaFixtures.sample("USA");
        byte[] front = Photos.licenceFrontJpeg(holder, read("faces/obama/obama-3.jpg"));
        byte[] back = Photos.licenceBackJpeg(holder);
        byte[] straight = read("faces/obama/obama-1.jpg");
        byte[] left = read("faces/obama/obama-4.jpg");
        byte[] right = read("faces/obama/obama-2.jpg");

        List<Double> sessions = new ArrayList<>();
        List<Double> matcher = new ArrayList<>();
        for (int round = 0; round < WARMUP + ROUNDS; round++) {
            long t0 = System.nanoTime();
            boolean verified = session(front, back, straight, left, right);
            double seconds = (System.nanoTime() - t0) / 1e9;
            long t1 = System.nanoTime();
            String set = "{\"images\":[\"" + b64(front) + "\",\"" + b64(straight) + "\",\"" + b64(left) + "\",\"" + b64(right) + "\"]}";
            HttpResponse<String> analysed = http.send(HttpRequest.newBuilder(URI.create(matcherUrl + "/internal/v1/faces/analyze-set"))
                    .header("x-internal-token", internalToken).header("x-verity-client-id", clientId.toString())
                    .header("Content-Type", "application/json").timeout(Duration.ofSeconds(60))
                    .POST(HttpRequest.BodyPublishers.ofString(set)).build(), HttpResponse.BodyHandlers.ofString());
            double reference = (System.nanoTime() - t1) / 1e9;
            if (analysed.statusCode() != 200) {
                throw new IllegalStateException("analyze-set answered " + analysed.statusCode() + ": " + analysed.body());
            }
            if (round >= WARMUP) {
                sessions.add(seconds);
                matcher.add(reference);
                System.out.printf(Locale.ROOT, "round %2d: session %.3f s (verified=%s), matcher analysis of the 4 images %.3f s%n",
                        round - WARMUP + 1, seconds, verified, reference);
            }
        }
        double p50 = median(sessions);
        double ref = median(matcher);
        System.out.printf(Locale.ROOT, "idv_session_seconds=%.3f idv_overhead_ratio=%.2f%n", p50, p50 / ref);
        return 0;
    }

    private boolean session(byte[] front, byte[] back, byte[] straight, byte[] left, byte[] right) throws Exception {
        String created = call("/v1/sessions", "{\"liveness_mode\":\"passive_active\"}", true);
        String session = field(created, "session_id");
        call("/v1/sdk/consent", "{\"session_id\":\"" + session + "\",\"consented\":true}", false);
        call("/v1/sdk/document-type", "{\"session_id\":\"" + session + "\",\"document_type_e\":\"driver_license\"}", false);
        upload("/v1/sdk/documents/front", session, front);
        upload("/v1/sdk/documents/back", session, back);
        String token = call("/v1/sdk/liveness/generate", "{\"session_id\":\"" + session + "\",\"latitude\":48.8566,\"longitude\":2.3522}", false);
        Matcher m = CHALLENGE.matcher(token);
        if (!m.find()) {
            throw new IllegalStateException("no challenge in " + token);
        }
        StringBuilder frames = new StringBuilder("\"" + b64(straight) + "\"");
        for (String step : m.group(1).replace("\"", "").split(",")) {
            frames.append(",\"").append(b64(step.strip().equals("turn_left") ? left : right)).append('"');
        }
        call("/v1/sdk/liveness/process", "{\"session_id\":\"" + session + "\",\"latitude\":48.8566,\"longitude\":2.3522,"
                + "\"images\":[" + frames + "]}", false);
        String decided = call("/v1/sdk/finalize", "{\"session_id\":\"" + session + "\",\"settings\":{\"duplicate_face_fail\":false}}", false);
        return decided.contains("\"verified\":true");
    }

    private String call(String path, String json, boolean backend) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(idvUrl + path)).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString(json));
        request.header(backend ? "x-api-key" : "X-Client-Id", backend ? apiKey : clientId.toString());
        return check(path, http.send(request.build(), HttpResponse.BodyHandlers.ofString()));
    }

    private void upload(String path, String session, byte[] image) throws Exception {
        String boundary = "verity-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (String[] field : new String[][] {{"session_id", session}, {"latitude", "48.8566"}, {"longitude", "2.3522"}}) {
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field[0] + "\"\r\n\r\n" + field[1]
                    + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\"image.jpg\"\r\n"
                + "Content-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(image);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(idvUrl + path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary).header("X-Client-Id", clientId.toString())
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
        check(path, http.send(request, HttpResponse.BodyHandlers.ofString()));
    }

    private static String check(String path, HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException("POST " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private byte[] read(String relative) throws IOException {
        return Files.readAllBytes(data.resolve(relative));
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(1);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
