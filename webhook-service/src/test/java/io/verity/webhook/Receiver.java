package io.verity.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A webhook receiver for tests: a real HTTP server on loopback (URLs name it {@code localhost}) that records every
 * request and answers each path with scripted statuses (then 204), optionally after a delay.
 */
public final class Receiver implements AutoCloseable {

    /** A request as received. */
    public record Request(String path, Map<String, String> headers, String body, long receivedAtNanos) {

        public String header(String name) {
            return headers.get(name.toLowerCase());
        }

        /** The three Standard Webhooks headers, as the verifier wants them. */
        public Map<String, String> standardHeaders() {
            Map<String, String> h = new LinkedHashMap<>();
            for (String name : List.of("webhook-id", "webhook-timestamp", "webhook-signature")) {
                h.put(name, header(name));
            }
            return h;
        }
    }

    private final HttpServer server;
    private final List<Request> received = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Integer>> scripts = new ConcurrentHashMap<>();
    private final Map<String, Duration> delays = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> concurrent = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> maxConcurrent = new ConcurrentHashMap<>();

    public Receiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
            server.createContext("/", this::handle);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url(String path) {
        return "http://localhost:" + server.getAddress().getPort() + path;
    }

    public String urlByAddress(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The next requests to {@code path} are answered with these statuses, in order; then 204. */
    public Receiver script(String path, Integer... statuses) {
        scripts.put(path, new ArrayDeque<>(List.of(statuses)));
        return this;
    }

    public Receiver delay(String path, Duration delay) {
        delays.put(path, delay);
        return this;
    }

    public List<Request> received(String path) {
        return received.stream().filter(r -> r.path.equals(path)).toList();
    }

    public List<Request> received() {
        return List.copyOf(received);
    }

    /** The most requests to {@code path} that were in progress at once. */
    public int maxConcurrent(String path) {
        return maxConcurrent.getOrDefault(path, new AtomicInteger()).get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        AtomicInteger now = concurrent.computeIfAbsent(path, p -> new AtomicInteger());
        int inProgress = now.incrementAndGet();
        maxConcurrent.computeIfAbsent(path, p -> new AtomicInteger()).accumulateAndGet(inProgress, Math::max);
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
            Duration delay = delays.get(path);
            if (delay != null) {
                Thread.sleep(delay.toMillis());
            }
            received.add(new Request(path, headers, body, System.nanoTime()));
            Deque<Integer> script = scripts.get(path);
            Integer status = script == null ? null : script.pollFirst();
            int answer = status == null ? 204 : status;
            if (answer == 204) {
                exchange.sendResponseHeaders(204, -1);
            } else {
                byte[] text = ("answer " + answer).getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(answer, text.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(text);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            now.decrementAndGet();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
