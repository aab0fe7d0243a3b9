package io.verity.launcher;

import com.sun.net.httpserver.HttpServer;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * {@code bin/verity bench fairness}: a quiet client identifies at a steady rate, first alone, then while a noisy client
 * floods identity-service with {@value #NOISY_CALLERS} concurrent callers: uploads of a 40 MP progressive JPEG,
 * {@code image_url}s that stall for {@value #STALL_SECONDS} s, and ordinary photos. Prints the quiet client's p99
 * latency under the flood over its p99 alone, its errors, and how many of the noisy client's calls got 429.
 */
final class FairnessBenchmark {

    private static final int NOISY_CALLERS = 64;
    private static final int QUIET_CALLS = 100;
    private static final int WARMUP = 30;
    private static final long QUIET_INTERVAL_MS = 100;
    private static final int STALL_SECONDS = 8;
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");

    private final Path home;
    private final Path faces;
    private final String identityUrl = ServiceSpec.ALL.get(0).url();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).executor(Executors.newCachedThreadPool()).build();

    FairnessBenchmark(Path repository, Path home) {
        this.home = home;
        this.faces = repository.resolve("../shared/data/faces").normalize();
    }

    int run() throws Exception {
        if (!Files.isDirectory(faces)) {
            System.err.println("bench fairness: " + faces + " is missing");
            return 2;
        }
        String dbUrl = System.getenv().getOrDefault("VERITY_DB_URL",
                "jdbc:postgresql://localhost:" + System.getenv().getOrDefault("VERITY_PG_PORT", "54329") + "/postgres");
        String dbUser = System.getenv().getOrDefault("VERITY_DB_USER", "postgres");
        String dbPassword = System.getenv().getOrDefault("VERITY_DB_PASSWORD", "");
        byte[] huge = progressiveJpeg(7800, 5200);
        System.out.printf("noisy upload: a %d×%d progressive JPEG (%.1f MP, %,d bytes)%n", 7800, 5200, 7800 * 5200 / 1e6, huge.length);

        HttpServer images = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        images.setExecutor(Executors.newCachedThreadPool());
        images.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath().substring(1);
            byte[] body = new byte[0];
            if (path.startsWith("stall/")) {
                try {
                    Thread.sleep(STALL_SECONDS * 1000L);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                path = path.substring("stall/".length());
            }
            Path file = faces.resolve(path).normalize();
            if (file.startsWith(faces) && Files.isRegularFile(file)) {
                body = Files.readAllBytes(file);
            }
            exchange.sendResponseHeaders(body.length == 0 ? 404 : 200, body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        images.start();
        int port = images.getAddress().getPort();
        UUID quietClient = UUID.randomUUID();
        UUID noisyClient = UUID.randomUUID();
        try (Connection db = DriverManager.getConnection(dbUrl, dbUser, dbPassword)) {
            Database.insertClient(db, quietClient, "bench-quiet-" + quietClient);
            Database.insertClient(db, noisyClient, "bench-noisy-" + noisyClient);
            String quietKey = Database.insertKey(db, quietClient, "quiet");
            String noisyKey = Database.insertKey(db, noisyClient, "noisy");
            String quietEvent = event(quietKey, "quiet gate");
            String noisyEvent = event(noisyKey, "noisy gate");
            register(quietKey, quietEvent, "obama", "obama/obama-1.jpg");
            register(quietKey, quietEvent, "biden", "biden/biden-1.jpg");
            register(noisyKey, noisyEvent, "kit", "kit-harington/kit-harington-1.jpg");
            String[] probes = {"obama/obama-3.jpg", "obama/obama-4.jpg", "biden/biden-2.jpg"};

            for (int i = 0; i < WARMUP; i++) {
                identifyUrl(quietKey, quietEvent, port, probes[i % probes.length]);
            }
            long[] alone = quiet(quietKey, quietEvent, port, probes, new AtomicInteger());

            AtomicBoolean flooding = new AtomicBoolean(true);
            AtomicInteger noisyCalls = new AtomicInteger();
            AtomicInteger noisy429 = new AtomicInteger();
            AtomicInteger noisyOther = new AtomicInteger();
            ExecutorService noisy = Executors.newFixedThreadPool(NOISY_CALLERS);
            for (int t = 0; t < NOISY_CALLERS; t++) {
                int kind = t % 3;
                noisy.submit(() -> {
                    while (flooding.get()) {
                        try {
                            int status = switch (kind) {
                                case 0 -> upload(noisyKey, noisyEvent, huge);
                                case 1 -> identifyUrl(noisyKey, noisyEvent, port, "stall/kit-harington/kit-harington-2.jpg").statusCode();
                                default -> upload(noisyKey, noisyEvent, Files.readAllBytes(faces.resolve("kit-harington/kit-harington-3.jpg")));
                            };
                            noisyCalls.incrementAndGet();
                            if (status == 429) {
                                noisy429.incrementAndGet();
                            } else if (status >= 500) {
                                noisyOther.incrementAndGet();
                            }
                        } catch (Exception e) {
                            noisyOther.incrementAndGet();
                        }
                    }
                    return null;
                });
            }
            Thread.sleep(2000); // the flood is under way
            AtomicInteger quietErrors = new AtomicInteger();
            long[] flooded = quiet(quietKey, quietEvent, port, probes, quietErrors);
            flooding.set(false);
            noisy.shutdown();
            noisy.awaitTermination(STALL_SECONDS + 30, TimeUnit.SECONDS);

            double p99Alone = p99(alone);
            double p99Flooded = p99(flooded);
            System.out.printf(Locale.ROOT, "quiet client alone: p50 %.1f ms, p99 %.1f ms (%d identifications, one every %d ms)%n",
                    p50(alone), p99Alone, QUIET_CALLS, QUIET_INTERVAL_MS);
            System.out.printf(Locale.ROOT, "quiet client under the flood: p50 %.1f ms, p99 %.1f ms, %d errors%n",
                    p50(flooded), p99Flooded, quietErrors.get());
            System.out.printf(Locale.ROOT, "noisy client: %d calls by %d callers, %d answered 429, %d answered 5xx or failed%n",
                    noisyCalls.get(), NOISY_CALLERS, noisy429.get(), noisyOther.get());
            System.out.printf(Locale.ROOT, "quiet_p99_ratio=%.2f quiet_errors=%d noisy_429=%d%n", p99Flooded / p99Alone,
                    quietErrors.get(), noisy429.get());
            return quietErrors.get() == 0 ? 0 : 1;
        } finally {
            images.stop(0);
            try (Connection db = DriverManager.getConnection(dbUrl, dbUser, dbPassword);
                    PreparedStatement drop = db.prepareStatement("DELETE FROM core.clients WHERE id = ANY (?)")) {
                drop.setArray(1, db.createArrayOf("uuid", new Object[] {quietClient, noisyClient}));
                drop.executeUpdate();
            }
        }
    }

    /** The quiet client's steady rate: one identification every QUIET_INTERVAL_MS; latencies in nanoseconds. */
    private long[] quiet(String key, String event, int port, String[] probes, AtomicInteger errors) throws Exception {
        long[] latencies = new long[QUIET_CALLS];
        for (int i = 0; i < QUIET_CALLS; i++) {
            long start = System.nanoTime();
            HttpResponse<String> answer = identifyUrl(key, event, port, probes[i % probes.length]);
            latencies[i] = System.nanoTime() - start;
            if (answer.statusCode() != 200) {
                if (errors.getAndIncrement() < 3) {
                    System.out.printf("  quiet identification answered %d: %s%n", answer.statusCode(), answer.body());
                }
            }
            long rest = QUIET_INTERVAL_MS - (System.nanoTime() - start) / 1_000_000;
            if (rest > 0) {
                Thread.sleep(rest);
            }
        }
        return latencies;
    }

    private static double p99(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.ceil(sorted.length * 0.99) - 1] / 1e6;
    }

    private static double p50(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2] / 1e6;
    }

    private String event(String key, String name) throws Exception {
        HttpResponse<String> r = send(key, HttpRequest.newBuilder(URI.create(identityUrl + "/events"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\"}")));
        Matcher m = ID.matcher(r.body());
        if (r.statusCode() != 201 || !m.find()) {
            throw new IllegalStateException("POST /events answered " + r.statusCode() + ": " + r.body());
        }
        return m.group(1);
    }

    private void register(String key, String event, String person, String photo) throws Exception {
        String body = "{\"userId\":\"" + person + "\",\"name\":\"" + person + "\",\"photo\":\""
                + Base64.getEncoder().encodeToString(Files.readAllBytes(faces.resolve(photo))) + "\"}";
        HttpResponse<String> r = send(key, HttpRequest.newBuilder(URI.create(identityUrl + "/events/" + event + "/attendees"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
        if (r.statusCode() != 201) {
            throw new IllegalStateException("registering " + photo + " answered " + r.statusCode() + ": " + r.body());
        }
    }

    private HttpResponse<String> identifyUrl(String key, String event, int port, String photo) throws Exception {
        String imageUrl = "http://localhost:" + port + "/" + photo;
        return send(key, HttpRequest.newBuilder(URI.create(identityUrl + "/identity?event_id=" + event + "&image_url="
                + URLEncoder.encode(imageUrl, StandardCharsets.UTF_8))).POST(HttpRequest.BodyPublishers.noBody()));
    }

    private int upload(String key, String event, byte[] image) throws Exception {
        String boundary = "verity-bench-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream(image.length + 256);
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\"gate.jpg\"\r\n"
                + "Content-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(image);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return send(key, HttpRequest.newBuilder(URI.create(identityUrl + "/identity?event_id=" + event))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))).statusCode();
    }

    private HttpResponse<String> send(String key, HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.header("x-api-key", key).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A photo-sized progressive JPEG: gradients and shapes, so that it compresses like a picture, not like a blank. */
    static byte[] progressiveJpeg(int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(30, 60, 120), width, height, new Color(220, 200, 160)));
        g.fillRect(0, 0, width, height);
        java.util.Random random = new java.util.Random(9);
        for (int i = 0; i < 4000; i++) {
            g.setColor(new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256)));
            g.fillOval(random.nextInt(width), random.nextInt(height), 20 + random.nextInt(200), 20 + random.nextInt(200));
        }
        g.dispose();
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }
}
