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
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private String apiKey;
    private UUID clientId;
    private String internalToken;

    IdaBenchmark(Path repository, Path home) {
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
            Database.insertClient(db, clientId, "bench-ida-" + clientId);
            apiKey = Database.insertKey(db, clientId, "bench ida");
        }
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
        String session = field(call(idvUrl, "/v1/sessions", "{\"liveness_mode\":\"passive\"}", true), "session_id");
        call(idvUrl, "/v1/sdk/consent", "{\"session_id\":\"" + session + "\",\"consented\":true}", false);
        call(idvUrl, "/v1/sdk/document-type", "{\"session_id\":\"" + session + "\",\"document_type_e\":\"driver_license\"}", false);
        // a generated US licence with the person's photo (the real document reader must accept it)
        AamvaFixtures.Holder holder = AamvaFixtures.sample("USA");
        upload(idvUrl + "/v1/sdk/documents/front", session, Photos.licenceFrontJpeg(holder, front));
        upload(idvUrl + "/v1/sdk/documents/back", session, Photos.licenceBackJpeg(holder));
        call(idvUrl, "/v1/sdk/liveness/generate", "{\"session_id\":\"" + session + "\",\"latitude\":48.8566,\"longitude\":2.3522}", false);
        call(idvUrl, "/v1/sdk/liveness/process", "{\"session_id\":\"" + session + "\",\"latitude\":48.8566,\"longitude\":2.3522,"
                + "\"images\":[\"" + b64(selfie) + "\"]}", false);
        String decided = call(idvUrl, "/v1/sdk/finalize", "{\"session_id\":\"" + session + "\",\"settings\":{\"duplicate_face_fail\":false}}", false);
        if (!decided.contains("\"verified\":true")) {
            throw new IllegalStateException("the IDV session was not verified: " + decided);
        }
        return field(call(idvUrl, "/v1/sessions/read", "{\"session_id\":\"" + session + "\"}", true), "identity_id");
    }

    private boolean authenticate(String identity, byte[] probe) throws Exception {
        String session = field(call(idaUrl, "/ida/sessions", "{\"identity_id\":\"" + identity + "\",\"liveness_mode\":\"passive\"}", true),
                "session_id");
        call(idaUrl, "/ida/sdk/liveness/generate", "{\"session_id\":\"" + session + "\",\"latitude\":40.7128,\"longitude\":-74.006}", false);
        call(idaUrl, "/ida/sdk/liveness/process", "{\"session_id\":\"" + session + "\",\"latitude\":40.7128,\"longitude\":-74.006,"
                + "\"images\":[\"" + b64(probe) + "\"]}", false);
        String decided = call(idaUrl, "/ida/sdk/finalize", "{\"session_id\":\"" + session + "\"}", false);
        return decided.contains("\"authenticated\":true");
    }

    private String call(String base, String path, String json, boolean backend) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString(json));
        request.header(backend ? "x-api-key" : "X-Client-Id", backend ? apiKey : clientId.toString());
        return check(path, http.send(request.build(), HttpResponse.BodyHandlers.ofString()));
    }

    private void upload(String url, String session, byte[] image) throws Exception {
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
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary).header("X-Client-Id", clientId.toString())
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
        check(url, http.send(request, HttpResponse.BodyHandlers.ofString()));
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
