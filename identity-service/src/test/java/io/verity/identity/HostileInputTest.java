package io.verity.identity;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.verity.testsupport.LocalHttpServer;
import io.verity.testsupport.SharedData;
import io.verity.testsupport.TestTenants;
import jakarta.inject.Inject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A corpus of hostile inputs, sent to the endpoints that take images, JSON or URLs: every answer is a 4xx in the
 * endpoint's error shape (problem+json with a {@code code}; Securegate's {@code detail} on /identity) within seconds,
 * never a 5xx, and no library's message reaches the caller.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputTest {

    private static final Duration QUICK = Duration.ofSeconds(5);

    @Inject
    TestTenants tenants;

    LocalHttpServer host;
    String key;
    String event;

    @BeforeEach
    void setUp() {
        if (host != null) {
            return;
        }
        host = LocalHttpServer.start();
        key = tenants.create("hostile").apiKey();
        event = given().header("x-api-key", key).contentType(ContentType.JSON).body(Map.of("name", "Hostile"))
                .post("/events").then().statusCode(201).extract().path("id");
    }

    @AfterAll
    void stop() {
        host.close();
    }

    private static Map<String, byte[]> corpus;

    /** Every image of the corpus, by name (made once). */
    static synchronized Map<String, byte[]> images() throws Exception {
        if (corpus != null) {
            return corpus;
        }
        corpus = new LinkedHashMap<>();
        corpus.put("png bomb (60000x60000 declared)", pngHeaderOnly(60_000, 60_000));
        corpus.put("jpeg bomb (65000x65000 declared)", jpegWithSize(65_000, 65_000));
        corpus.put("progressive jpeg of 16.4 MP", progressiveJpeg(4100, 4000));
        byte[] face = SharedData.face("obama/obama-1.jpg");
        corpus.put("truncated jpeg", Arrays.copyOf(face, face.length / 2));
        corpus.put("jpeg header only", Arrays.copyOf(face, 200));
        corpus.put("polyglot gif+html", ("GIF89a<html><script>alert(1)</script></html>").getBytes(StandardCharsets.US_ASCII));
        corpus.put("svg with external entity", ("<?xml version=\"1.0\"?><!DOCTYPE svg [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<svg xmlns=\"http://www.w3.org/2000/svg\"><text>&x;</text><script>alert(1)</script></svg>").getBytes(StandardCharsets.UTF_8));
        corpus.put("gif", gif());
        corpus.put("tiff", new byte[] {'I', 'I', 42, 0, 8, 0, 0, 0, 0, 0});
        corpus.put("zip pretending to be jpeg", concat(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}, "PK\u0003\u0004junk".getBytes(StandardCharsets.ISO_8859_1)));
        corpus.put("empty", new byte[0]);
        return corpus;
    }

    @Test
    void hostileImagesAreRefusedQuicklyByEveryImageEndpoint() throws Exception {
        System.out.println("hostile input: making the image corpus");
        for (Map.Entry<String, byte[]> image : images().entrySet()) {
            String name = image.getKey();
            byte[] bytes = image.getValue();
            quick4xx(name + " → POST /identity", () -> given().header("x-api-key", key).queryParam("event_id", event)
                    .multiPart("image", "x.jpg", bytes).post("/identity"), true);
            quick4xx(name + " → search-by-face", () -> given().header("x-api-key", key)
                    .multiPart("selfie", "x.jpg", bytes).post("/api/v3/kyc_verification/search-by-face"), false);
            quick4xx(name + " → attendee (multipart)", () -> given().header("x-api-key", key)
                    .multiPart("photo", "x.jpg", bytes).multiPart("name", "x").post("/events/{e}/attendees", event), false);
            quick4xx(name + " → attendee (base64)", () -> given().header("x-api-key", key).contentType(ContentType.JSON)
                    .body(Map.of("name", "x", "photo", Base64.getEncoder().encodeToString(bytes)))
                    .post("/events/{e}/attendees", event), false);
            host.serve("/hostile.jpg", "image/jpeg", bytes);
            quick4xx(name + " → image_url", () -> given().header("x-api-key", key).queryParam("event_id", event)
                    .queryParam("image_url", host.url("/hostile.jpg")).post("/identity"), true);
        }
    }

    @Test
    void hostileUrlsAreRefusedQuickly() {
        host.redirect("/loop.jpg", host.url("/loop.jpg"));
        host.stall("/slow.jpg", Duration.ofSeconds(30));
        for (String url : new String[] {host.url("/loop.jpg"), host.url("/slow.jpg"), "http://169.254.169.254/latest/meta-data/",
                "http://[::1]/x.jpg", "gopher://localhost/x", "http://localhost:0/x", "http://" + "a".repeat(300) + ".com/x.jpg",
                "http://user:pass@localhost/x.jpg", "not a url at all", "http://localhost/\u202Egpj.exe"}) {
            quick4xx("image_url " + url.substring(0, Math.min(60, url.length())), () -> given().header("x-api-key", key)
                    .queryParam("event_id", event).queryParam("image_url", url).post("/identity"), true);
        }
    }

    @Test
    void hostileJsonIsRefusedQuickly() {
        String deep = "[".repeat(50_000);
        rawQuick4xx("deeply nested JSON", "/events", "application/json", deep.getBytes(StandardCharsets.US_ASCII));
        String deepObject = "{\"name\":\"x\",\"metadata\":" + "{\"a\":".repeat(20_000) + "1" + "}".repeat(20_001);
        rawQuick4xx("deeply nested metadata", "/events", "application/json", deepObject.getBytes(StandardCharsets.US_ASCII));
        byte[] huge = new byte[22 * 1024 * 1024];
        Arrays.fill(huge, (byte) ' ');
        huge[0] = '{';
        huge[huge.length - 1] = '}';
        rawQuick4xx("22 MiB of JSON", "/events", "application/json", huge);
        byte[] bigEvent = new byte[200 * 1024];
        Arrays.fill(bigEvent, (byte) 'a');
        rawQuick4xx("200 KiB event name", "/events", "application/json",
                ("{\"name\":\"" + new String(bigEvent, StandardCharsets.US_ASCII) + "\"}").getBytes(StandardCharsets.US_ASCII));
        rawQuick4xx("invalid UTF-8", "/events", "application/json",
                new byte[] {'{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'});
        quick4xx("unicode tricks in a name", () -> given().header("x-api-key", key).contentType(ContentType.JSON)
                .body(Map.of("name", "\u202E\u200B".repeat(300))).post("/events"), false);
    }

    @Test
    void thousandsOfPartsOrHeadersAreRefusedQuickly() throws Exception {
        var parts = given().header("x-api-key", key).queryParam("event_id", event);
        for (int i = 0; i < 3000; i++) {
            parts = parts.multiPart("p" + i, "v");
        }
        var request = parts;
        quick4xx("3000 multipart parts", () -> request.post("/identity"), false);

        HttpRequest.Builder many = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + "/events"))
                .header("x-api-key", key).timeout(QUICK);
        for (int i = 0; i < 2000; i++) {
            many.header("x-junk-" + i, "v".repeat(20));
        }
        long start = System.nanoTime();
        int status;
        try {
            status = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                    .send(many.GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (java.io.IOException closed) {
            status = 431; // the server may close the connection on an oversized header block: also a refusal
        }
        assertThat(status).as("2000 headers").isBetween(400, 499);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(QUICK);
    }

    /** A body sent as bytes, as it is (RestAssured would serialise a byte[] for a JSON content type). */
    private void rawQuick4xx(String what, String path, String contentType, byte[] body) {
        System.out.println("hostile input: " + what);
        long start = System.nanoTime();
        HttpResponse<String> answer;
        try {
            answer = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + path)).header("x-api-key", key)
                            .header("Content-Type", contentType).timeout(QUICK)
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(what + ": " + e, e);
        }
        assertThat(answer.statusCode()).as(what + ": " + answer.body()).isBetween(400, 499);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as(what).isLessThan(QUICK);
        assertThat(answer.headers().firstValue("Content-Type").orElse("")).as(what).startsWith("application/problem+json");
        assertThat(answer.body()).as(what).contains("\"code\"").doesNotContain("Exception");
    }

    private static void quick4xx(String what, java.util.function.Supplier<Response> call, boolean securegate) {
        System.out.println("hostile input: " + what);
        long start = System.nanoTime();
        Response response = call.get();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        String body = response.asString();
        assertThat(response.statusCode()).as(what + ": " + body).isBetween(400, 499);
        assertThat(took).as(what).isLessThan(QUICK);
        if (securegate && response.statusCode() != 401) {
            assertThat(body).as(what).startsWith("{\"detail\"");
        } else {
            assertThat(response.contentType()).as(what + ": " + body).startsWith("application/problem+json");
            assertThat(response.jsonPath().getString("code")).as(what).isNotBlank();
        }
        assertThat(body).as(what).doesNotContain("Exception").doesNotContain("javax.").doesNotContain("libjpeg")
                .doesNotContain("at io.");
    }

    private static byte[] pngHeaderOnly(int width, int height) {
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 2).put((byte) 0)
                .put((byte) 0).put((byte) 0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10});
        chunk(out, "IHDR", ihdr.array());
        chunk(out, "IDAT", new byte[] {0x78, (byte) 0x9C, 0x03, 0x00});
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(t);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    /** A small real JPEG whose frame header (SOF0) is rewritten to claim {@code width}×{@code height}. */
    private static byte[] jpegWithSize(int width, int height) throws Exception {
        BufferedImage tiny = new BufferedImage(16, 16, BufferedImage.TYPE_3BYTE_BGR);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(tiny, "jpg", out);
        byte[] jpeg = out.toByteArray();
        for (int i = 2; i + 9 < jpeg.length; i++) {
            if ((jpeg[i] & 0xff) == 0xFF && (jpeg[i + 1] & 0xff) == 0xC0) {
                jpeg[i + 5] = (byte) (height >> 8);
                jpeg[i + 6] = (byte) height;
                jpeg[i + 7] = (byte) (width >> 8);
                jpeg[i + 8] = (byte) width;
                return jpeg;
            }
        }
        throw new IllegalStateException("no SOF0");
    }

    static byte[] progressiveJpeg(int width, int height) throws Exception {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY); // small heap, same SOF2
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

    private static byte[] gif() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(32, 32, BufferedImage.TYPE_BYTE_INDEXED), "gif", out);
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
