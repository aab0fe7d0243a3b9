package io.verity.platform.net;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** Test helpers: {@link OutboundConfig} read the way Quarkus reads it, and a real HTTP server on 127.0.0.1. */
final class OutboundTesting {

    private OutboundTesting() {
    }

    /** The config mapping over {@code key=value} pairs (keys without the {@code verity.outbound.} prefix). */
    static OutboundConfig config(String... keyValues) {
        Map<String, String> properties = new HashMap<>();
        for (String pair : keyValues) {
            int equals = pair.indexOf('=');
            properties.put("verity.outbound." + pair.substring(0, equals), pair.substring(equals + 1));
        }
        return new SmallRyeConfigBuilder()
                .withConverter(Duration.class, 100, new DurationConverter())
                .withMapping(OutboundConfig.class)
                .withSources(new PropertiesConfigSource(properties, "test", 100))
                .build()
                .getConfigMapping(OutboundConfig.class);
    }

    /** The shared folder beside the checkout (surefire sets {@code verity.shared.dir}). */
    static Path sharedDir() {
        String configured = System.getProperty("verity.shared.dir");
        return configured != null ? Path.of(configured) : Path.of("../../../shared");
    }

    static byte[] sharedFile(String relative) throws IOException {
        return Files.readAllBytes(sharedDir().resolve(relative));
    }

    /** A real HTTP server on 127.0.0.1 that counts requests per path and remembers their headers and bodies. */
    static final class LocalServer implements AutoCloseable {
        private final HttpServer server;
        private final ExecutorService threads = Executors.newCachedThreadPool();
        private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
        final List<Map<String, List<String>>> requestHeaders = new CopyOnWriteArrayList<>();
        final List<String> requestBodies = new CopyOnWriteArrayList<>();
        /** The client's address and port of each request: one port per TCP connection. */
        final List<InetSocketAddress> requestSources = new CopyOnWriteArrayList<>();

        LocalServer() throws IOException {
            this(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        }

        LocalServer(InetSocketAddress address) throws IOException {
            server = HttpServer.create(address, 16);
            server.setExecutor(threads);
            server.start();
        }

        void on(String path, HttpHandler handler) {
            server.createContext(path, exchange -> {
                hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
                requestHeaders.add(Map.copyOf(exchange.getRequestHeaders()));
                requestSources.add(exchange.getRemoteAddress());
                requestBodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                try (exchange) {
                    handler.handle(exchange);
                }
            });
        }

        void answer(String path, int status, String contentType, byte[] body) {
            on(path, exchange -> respond(exchange, status, contentType, body));
        }

        void redirect(String path, int status, String location) {
            on(path, exchange -> {
                exchange.getResponseHeaders().add("Location", location);
                exchange.sendResponseHeaders(status, -1);
            });
        }

        int hits(String path) {
            AtomicInteger count = hits.get(path);
            return count == null ? 0 : count.get();
        }

        int port() {
            return server.getAddress().getPort();
        }

        String url(String path) {
            return "http://127.0.0.1:" + port() + path;
        }

        @Override
        public void close() {
            server.stop(0);
            threads.shutdownNow();
        }
    }

    static void respond(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        if (contentType != null) {
            exchange.getResponseHeaders().add("Content-Type", contentType);
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        exchange.getResponseBody().write(body);
    }
}
