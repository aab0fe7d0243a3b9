package io.verity.launcher;

import static io.verity.launcher.SessionCalls.As.BACKEND;
import static io.verity.launcher.SessionCalls.As.INTERNAL;
import static io.verity.launcher.SessionCalls.As.SDK;
import static io.verity.launcher.SessionCalls.b64;
import static io.verity.launcher.SessionCalls.field;
import static io.verity.launcher.SessionCalls.median;

import io.verity.documents.read.OcrDocumentReader;
import io.verity.documents.tools.AamvaFixtures;
import io.verity.documents.tools.Photos;
import io.verity.face.model.ModelStore;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code bin/verity bench idv}: whole IDV sessions over HTTP against the running suite — create, consent, document
 * type, front and back, liveness generate and process (a straight frame and two head turns), finalization (which
 * enrols the verified selfie) — with real photos. The reference, measured in the same round, is the models' own work on
 * the same images: the matcher's analysis of the four face images in one call (identity-service's internal analyze-set)
 * plus the bare runs of the OCR models' inputs for the document's front and back ({@link OcrModelRuns}). Prints
 * per-round figures, the ratio against the faces alone, and last
 * {@code idv_session_seconds=<p50> idv_overhead_ratio=<p50 session / (p50 matcher + p50 OCR models)>}.
 */
final class IdvBenchmark {

    private static final int WARMUP = 3;
    private static final int ROUNDS = 10;
    private static final Pattern CHALLENGE = Pattern.compile("\"challenge\"\\s*:\\s*\\[([^\\]]*)\\]");

    private final Path data;
    private final Path home;
    private final String idvUrl = ServiceSpec.ALL.get(1).url();
    private final String matcherUrl = ServiceSpec.ALL.get(0).url();
    private SessionCalls calls;

    IdvBenchmark(Path repository, Path home) {
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
            Database.insertClient(db, clientId, "bench-idv-" + clientId);
            apiKey = Database.insertKey(db, clientId, "bench idv");
        }
        calls = new SessionCalls(clientId, apiKey, secrets.getProperty("internal_token"));
        // a generated US licence with the person's photo, which the real document reader reads (front and PDF417)
        AamvaFixtures.Holder holder = AamvaFixtures.sample("USA");
        byte[] front = Photos.licenceFrontJpeg(holder, read("faces/obama/obama-3.jpg"));
        byte[] back = Photos.licenceBackJpeg(holder);
        byte[] straight = read("faces/obama/obama-1.jpg");
        byte[] left = read("faces/obama/obama-4.jpg");
        byte[] right = read("faces/obama/obama-2.jpg");

        List<Double> sessions = new ArrayList<>();
        List<Double> matcher = new ArrayList<>();
        List<Double> documents = new ArrayList<>();
        // The document reader's own model work on the same front and back, in this process with idv-service's
        // settings (one intra-op thread), replayed bare: reading documents is model work as analysing faces is.
        try (OcrDocumentReader reader = OcrDocumentReader.open(ModelStore.defaultDirectory(), 1)) {
            for (int round = 0; round < WARMUP + ROUNDS; round++) {
                long t0 = System.nanoTime();
                boolean verified = session(front, back, straight, left, right);
                double seconds = (System.nanoTime() - t0) / 1e9;
                long t1 = System.nanoTime();
                String set = "{\"images\":[\"" + b64(front) + "\",\"" + b64(straight) + "\",\"" + b64(left) + "\",\"" + b64(right) + "\"]}";
                calls.post(matcherUrl + "/internal/v1/faces/analyze-set", set, INTERNAL);
                double faces = (System.nanoTime() - t1) / 1e9;
                double ocr = OcrModelRuns.bareNanos(OcrModelRuns.whileReading(reader,
                        () -> reader.read(front, back, "drivers_license")).runs()) / 1e9;
                if (round >= WARMUP) {
                    sessions.add(seconds);
                    matcher.add(faces);
                    documents.add(ocr);
                    System.out.printf(Locale.ROOT, "round %2d: session %.3f s (verified=%s); matcher analysis of the 4 images "
                            + "%.3f s; OCR models' bare runs for front and back %.3f s%n", round - WARMUP + 1, seconds, verified,
                            faces, ocr);
                }
            }
        }
        double p50 = median(sessions);
        double faces = median(matcher);
        double ocr = median(documents);
        System.out.printf(Locale.ROOT, "session p50 %.3f s against the models' own work %.3f s (faces %.3f s, documents %.3f s); "
                + "against the faces alone it is %.2f×%n", p50, faces + ocr, faces, ocr, p50 / faces);
        System.out.printf(Locale.ROOT, "idv_session_seconds=%.3f idv_overhead_ratio=%.2f%n", p50, p50 / (faces + ocr));
        return 0;
    }

    private boolean session(byte[] front, byte[] back, byte[] straight, byte[] left, byte[] right) throws Exception {
        String created = calls.post(idvUrl + "/v1/sessions", "{\"liveness_mode\":\"passive_active\"}", BACKEND);
        String session = field(created, "session_id");
        calls.post(idvUrl + "/v1/sdk/consent", "{\"session_id\":\"" + session + "\",\"consented\":true}", SDK);
        calls.post(idvUrl + "/v1/sdk/document-type", "{\"session_id\":\"" + session + "\",\"document_type_e\":\"driver_license\"}", SDK);
        calls.upload(idvUrl + "/v1/sdk/documents/front", session, front);
        calls.upload(idvUrl + "/v1/sdk/documents/back", session, back);
        String token = calls.post(idvUrl + "/v1/sdk/liveness/generate", "{\"session_id\":\"" + session + "\",\"latitude\":48.8566,\"longitude\":2.3522}", SDK);
        Matcher m = CHALLENGE.matcher(token);
        if (!m.find()) {
            throw new IllegalStateException("no challenge in " + token);
        }
        StringBuilder frames = new StringBuilder("\"" + b64(straight) + "\"");
        for (String step : m.group(1).replace("\"", "").split(",")) {
            frames.append(",\"").append(b64(step.strip().equals("turn_left") ? left : right)).append('"');
        }
        calls.post(idvUrl + "/v1/sdk/liveness/process", "{\"session_id\":\"" + session + "\",\"latitude\":48.8566,\"longitude\":2.3522,"
                + "\"images\":[" + frames + "]}", SDK);
        String decided = calls.post(idvUrl + "/v1/sdk/finalize", "{\"session_id\":\"" + session + "\",\"settings\":{\"duplicate_face_fail\":false}}", SDK);
        return decided.contains("\"verified\":true");
    }

    private byte[] read(String relative) throws IOException {
        return Files.readAllBytes(data.resolve(relative));
    }
}
