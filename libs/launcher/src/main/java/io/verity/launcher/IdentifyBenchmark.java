package io.verity.launcher;

import com.sun.net.httpserver.HttpServer;
import io.verity.platform.crypto.Aead;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;

/**
 * {@code bin/verity bench identify}: an event with {@value #ATTENDEES} attendees (the real people of
 * ../shared/data/faces registered through the API, the rest synthetic templates written to the database as another
 * replica would), then {@code POST /identity} with other photos of the real people, served from 127.0.0.1 as
 * {@code image_url}. Prints the end-to-end time against the matcher's own analyse-plus-search time for the same
 * request (from its Server-Timing header), and identifications per second with as many concurrent callers as a client
 * has analysis slots (2 by default; more are answered 429 at once, ADR 0013), counting only answers 200.
 */
final class IdentifyBenchmark {

    static final int ATTENDEES = 10_000;
    private static final int WARMUP_ROUNDS = 30;
    private static final int ROUNDS = 10;
    private static final int CONCURRENT_CALLERS = 2;
    private static final int CONCURRENT_REQUESTS = 60;
    private static final String MODEL = "faceplugin-face-recognition-js@0.0.1/fr_feature";
    private static final Pattern TIMING = Pattern.compile("(\\w+);dur=([0-9.]+)");

    private final Path home;
    private final Path faces;
    private final String identityUrl = ServiceSpec.ALL.get(0).url();
    private String apiKey;

    IdentifyBenchmark(Path repository, Path home) {
        this.home = home;
        this.faces = repository.resolve("../shared/data/faces").normalize();
    }

    int run() throws Exception {
        if (!Files.isDirectory(faces)) {
            System.err.println("bench identify: " + faces + " is missing");
            return 2;
        }
        Properties secrets = new Properties();
        try (InputStream in = Files.newInputStream(home.resolve("secrets.properties"))) {
            secrets.load(in);
        }
        SecretKey master = Aead.masterKey(secrets.getProperty("master_key"));
        String dbUrl = System.getenv().getOrDefault("VERITY_DB_URL",
                "jdbc:postgresql://localhost:" + System.getenv().getOrDefault("VERITY_PG_PORT", "54329") + "/postgres");
        String dbUser = System.getenv().getOrDefault("VERITY_DB_USER", "postgres");
        String dbPassword = System.getenv().getOrDefault("VERITY_DB_PASSWORD", "");

        HttpServer images = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        images.setExecutor(Executors.newFixedThreadPool(8));
        Map<String, byte[]> served = new java.util.concurrent.ConcurrentHashMap<>(); // from memory, like a CDN
        images.createContext("/", exchange -> {
            Path file = faces.resolve(exchange.getRequestURI().getPath().substring(1)).normalize();
            byte[] body = !file.startsWith(faces) || !Files.isRegularFile(file) ? new byte[0]
                    : served.computeIfAbsent(file.toString(), f -> {
                        try {
                            return Files.readAllBytes(file);
                        } catch (IOException e) {
                            return new byte[0];
                        }
                    });
            exchange.sendResponseHeaders(body.length == 0 ? 404 : 200, body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        images.start();
        UUID clientId = UUID.randomUUID();
        try (Connection db = DriverManager.getConnection(dbUrl, dbUser, dbPassword)) {
            apiKey = createClient(db, clientId);
            String eventId = field(post("/events", "{\"name\":\"bench identify\"}", "application/json"), "id");

            Map<String, String> enrolled = new LinkedHashMap<>(); // person -> the photo registered
            List<String[]> probes = new ArrayList<>();              // {person, photo}
            try (var people = Files.list(faces)) {
                for (Path person : people.filter(Files::isDirectory).sorted().toList()) {
                    String name = person.getFileName().toString();
                    if (name.equals("group") || name.equals("hard-inputs")) {
                        continue;
                    }
                    List<Path> photos;
                    try (var listing = Files.list(person)) {
                        photos = listing.sorted().toList();
                    }
                    for (Path photo : photos) {
                        String relative = name + "/" + photo.getFileName();
                        if (!enrolled.containsKey(name) && register(eventId, name, photo)) {
                            enrolled.put(name, relative);
                        } else if (enrolled.containsKey(name) && !relative.contains("partial") && !relative.contains("small")
                                && !relative.contains("240p")) {
                            probes.add(new String[] {name, relative});
                        }
                    }
                }
            }
            int synthetic = ATTENDEES - enrolled.size();
            long seeded = System.nanoTime();
            seedSynthetic(db, master, clientId, UUID.fromString(eventId), synthetic);
            long indexedAfter = awaitIndexed(eventId, ATTENDEES);
            System.out.printf("event with %,d attendees: %d real people registered through the API, %,d synthetic templates "
                    + "written to the database, searchable after %.1f s%n", ATTENDEES, enrolled.size(), synthetic,
                    (indexedAfter - seeded) / 1e9);

            int port = images.getAddress().getPort();
            // The Java around the models (HTTP, JSON, queries) needs the JIT; the models themselves are native code.
            for (int warm = 0; warm < WARMUP_ROUNDS * probes.size(); warm++) {
                identify(eventId, port, probes.get(warm % probes.size())[1]);
            }
            long endToEnd = 0;
            double matcher = 0;
            double fetch = 0;
            double record = 0;
            double server = 0;
            int correct = 0;
            int total = 0;
            for (int round = 0; round < ROUNDS; round++) {
                for (String[] probe : probes) {
                    long start = System.nanoTime();
                    Answer answer = identify(eventId, port, probe[1]);
                    endToEnd += System.nanoTime() - start;
                    Map<String, Double> timing = timing(answer);
                    matcher += timing.getOrDefault("analyze", 0.0) + timing.getOrDefault("search", 0.0);
                    fetch += timing.getOrDefault("fetch", 0.0);
                    record += timing.getOrDefault("record", 0.0);
                    server += timing.getOrDefault("total", 0.0);
                    total++;
                    boolean right = answer.status() == 200 && answer.body().contains("\"userId\":\"" + probe[0] + "\"");
                    if (!right && correct == total - 1) {
                        System.out.printf("  %s answered %d: %s%n", probe[1], answer.status(), answer.body());
                    }
                    correct += right ? 1 : 0;
                }
            }
            // The floor every call pays (HTTP, API-key check, a query, JSON): a bare authenticated read, same client,
            // warmed like the identifications were.
            for (int i = 0; i < WARMUP_ROUNDS * probes.size(); i++) {
                send("GET", "/health", null, null);
            }
            long bare = 0;
            for (int i = 0; i < total; i++) {
                long start = System.nanoTime();
                send("GET", "/health", null, null);
                bare += System.nanoTime() - start;
            }
            double bareMs = bare / 1e6 / total;
            double e2eMs = endToEnd / 1e6 / total;
            double matcherMs = matcher / total;
            System.out.printf("POST /identity end to end: %.1f ms; the matcher's analyse + search for the same requests: %.1f ms "
                    + "(of the rest: fetching image_url %.1f ms, the record's database work %.1f ms; %.1f ms inside the "
                    + "service in all)%n", e2eMs, matcherMs, fetch / total, record / total, server / total);
            System.out.printf("a bare authenticated endpoint (GET /health: API key, one query, JSON) with the same client: %.1f ms%n", bareMs);
            System.out.printf("identified correctly: %d of %d probes (photos not used for registration)%n", correct, total);

            double rate = concurrent(eventId, port, probes);
            System.out.printf("%d identifications with %d concurrent callers: %.2f/s%n", CONCURRENT_REQUESTS,
                    CONCURRENT_CALLERS, rate);

            send("DELETE", "/events/" + eventId, null, null);
            System.out.printf(Locale.ROOT, "identify_overhead_ratio=%.3f identifications_per_s=%.2f attendees=%d correct=%d/%d%n",
                    e2eMs / matcherMs, rate, ATTENDEES, correct, total);
            return correct == total ? 0 : 1;
        } finally {
            images.stop(0);
            try (Connection db = DriverManager.getConnection(dbUrl, dbUser, dbPassword);
                    PreparedStatement drop = db.prepareStatement("DELETE FROM core.clients WHERE id = ?")) {
                drop.setObject(1, clientId);
                drop.executeUpdate();
            }
        }
    }

    private static String createClient(Connection db, UUID clientId) throws Exception {
        Database.insertClient(db, clientId, "bench-" + clientId);
        return Database.insertKey(db, clientId, "bench");
    }

    private boolean register(String eventId, String person, Path photo) throws Exception {
        String body = "{\"userId\":\"" + person + "\",\"name\":\"" + person + "\",\"photo\":\""
                + Base64.getEncoder().encodeToString(Files.readAllBytes(photo)) + "\"}";
        return send("POST", "/events/" + eventId + "/attendees", "application/json", body).status() == 201;
    }

    /** Synthetic attendees: random unit vectors, encrypted under the client's data key exactly as the service stores them. */
    private static void seedSynthetic(Connection db, SecretKey master, UUID clientId, UUID eventId, int count) throws Exception {
        SecretKey dataKey;
        try (PreparedStatement key = db.prepareStatement("SELECT wrapped_key FROM core.data_keys WHERE client_id = ?")) {
            key.setObject(1, clientId);
            try (ResultSet rs = key.executeQuery()) {
                rs.next();
                dataKey = Aead.unwrapDataKey(master, clientId, rs.getBytes(1));
            }
        }
        Random random = new Random(7);
        db.setAutoCommit(false);
        try (PreparedStatement attendee = db.prepareStatement("INSERT INTO identity.attendees "
                        + "(id, client_id, event_id, user_id, name, template_id, qr_id) VALUES (?, ?, ?, ?, ?, ?, ?)");
                PreparedStatement template = db.prepareStatement("INSERT INTO identity.templates "
                        + "(id, client_id, gallery, subject_id, embedding_enc, model, face_size, sharpness) "
                        + "VALUES (?, ?, ?, ?, ?, ?, 112, 500)")) {
            for (int i = 0; i < count; i++) {
                UUID attendeeId = UUID.randomUUID();
                UUID templateId = UUID.randomUUID();
                attendee.setObject(1, attendeeId);
                attendee.setObject(2, clientId);
                attendee.setObject(3, eventId);
                attendee.setString(4, "synthetic-" + i);
                attendee.setString(5, "Synthetic Guest " + i);
                attendee.setObject(6, templateId);
                attendee.setString(7, "qr_" + HexFormat.of().formatHex(ByteBuffer.allocate(16)
                        .putLong(attendeeId.getMostSignificantBits()).putLong(attendeeId.getLeastSignificantBits()).array()));
                attendee.addBatch();
                template.setObject(1, templateId);
                template.setObject(2, clientId);
                template.setString(3, "event:" + eventId);
                template.setString(4, attendeeId.toString());
                template.setBytes(5, Aead.seal(dataKey, Aead.recordContext(clientId, "face-template:" + templateId),
                        randomUnitVector(random)));
                template.setString(6, MODEL);
                template.addBatch();
                if (i % 1000 == 999 || i == count - 1) {
                    attendee.executeBatch();
                    template.executeBatch();
                    db.commit();
                }
            }
        } finally {
            db.setAutoCommit(true);
        }
    }

    private static byte[] randomUnitVector(Random random) {
        float[] v = new float[512];
        double norm = 0;
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
            norm += v[i] * v[i];
        }
        ByteBuffer bytes = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float x : v) {
            bytes.putFloat((float) (x / Math.sqrt(norm)));
        }
        return bytes.array();
    }

    private long awaitIndexed(String eventId, int expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            String event = send("GET", "/events/" + eventId, null, null).body();
            if (Integer.parseInt(field(event, "faces_indexed")) >= expected) {
                return System.nanoTime();
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("identity-service did not index the synthetic templates within 120 s");
    }

    private Answer identify(String eventId, int port, String photo) throws Exception {
        String imageUrl = "http://localhost:" + port + "/" + photo;
        return send("POST", "/identity?event_id=" + eventId + "&image_url=" + URLEncoder.encode(imageUrl, StandardCharsets.UTF_8),
                null, null);
    }

    private double concurrent(String eventId, int port, List<String[]> probes) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENT_CALLERS);
        long start = System.nanoTime();
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < CONCURRENT_REQUESTS; i++) {
            String photo = probes.get(i % probes.size())[1];
            results.add(pool.submit(() -> identify(eventId, port, photo).status()));
        }
        int ok = 0;
        for (Future<Integer> r : results) {
            ok += r.get() == 200 ? 1 : 0;
        }
        pool.shutdown();
        double seconds = (System.nanoTime() - start) / 1e9;
        if (ok != CONCURRENT_REQUESTS) {
            System.out.printf("  (%d of %d concurrent identifications answered 200)%n", ok, CONCURRENT_REQUESTS);
        }
        return ok / seconds;
    }

    private static Map<String, Double> timing(Answer response) {
        Map<String, Double> timing = new LinkedHashMap<>();
        Matcher m = TIMING.matcher(response.serverTiming() == null ? "" : response.serverTiming());
        while (m.find()) {
            timing.put(m.group(1), Double.parseDouble(m.group(2)));
        }
        return timing;
    }

    private String post(String path, String body, String type) throws Exception {
        Answer response = send("POST", path, type, body);
        if (response.status() / 100 != 2) {
            throw new IllegalStateException("POST " + path + " answered " + response.status() + ": " + response.body());
        }
        return response.body();
    }

    /** An answer: its status, body and Server-Timing header. */
    private record Answer(int status, String body, String serverTiming) {
    }

    /**
     * One call over a kept-alive HTTP/1.1 connection ({@link HttpURLConnection}), as a gate camera's blocking client makes
     * it. java.net.http's client costs 1–3 ms more per call on this 2-core machine (its selector thread hands every
     * answer over), which would be charged to the service; the bare endpoint below is measured with this client too.
     */
    private Answer send(String method, String path, String contentType, String body) throws IOException {
        HttpURLConnection call = (HttpURLConnection) URI.create(identityUrl + path).toURL().openConnection();
        call.setRequestMethod(method);
        call.setConnectTimeout(5_000);
        call.setReadTimeout(60_000);
        call.setRequestProperty("x-api-key", apiKey);
        call.setRequestProperty("X-Camera-Id", "bench");
        if (body != null) {
            call.setDoOutput(true);
            call.setRequestProperty("Content-Type", contentType);
            try (OutputStream out = call.getOutputStream()) {
                out.write(body.getBytes(StandardCharsets.UTF_8));
            }
        } else if (method.equals("POST")) {
            call.setFixedLengthStreamingMode(0);
            call.setDoOutput(true);
        }
        int status = call.getResponseCode();
        try (InputStream in = status >= 400 ? call.getErrorStream() : call.getInputStream()) {
            String text = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new Answer(status, text, call.getHeaderField("Server-Timing"));
        }
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"?([^\",}]+)").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(1);
    }
}
