package io.verity.launcher;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP calls of the session benchmarks (bench idv, bench ida): JSON posts as a client's backend, its SDK or the
 * matcher's internal caller, and the SDK's multipart image uploads. Every call must answer 200.
 */
final class SessionCalls {

    /** Who calls: the backend with an API key, the SDK with the client id, or a service with the internal token. */
    enum As { BACKEND, SDK, INTERNAL }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final UUID clientId;
    private final String apiKey;
    private final String internalToken;

    SessionCalls(UUID clientId, String apiKey, String internalToken) {
        this.clientId = clientId;
        this.apiKey = apiKey;
        this.internalToken = internalToken;
    }

    String post(String url, String json, As caller) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString(json));
        switch (caller) {
            case BACKEND -> request.header("x-api-key", apiKey);
            case SDK -> request.header("X-Client-Id", clientId.toString());
            case INTERNAL -> request.header("x-internal-token", internalToken).header("x-verity-client-id", clientId.toString());
        }
        return check(url, http.send(request.build(), HttpResponse.BodyHandlers.ofString()));
    }

    /** An SDK document upload: the image with the session id and the device's coordinates. */
    void upload(String url, String session, byte[] image) throws Exception {
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

    private static String check(String url, HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException("POST " + url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** A string field of a JSON answer (the benchmarks read ids only). */
    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(1);
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
