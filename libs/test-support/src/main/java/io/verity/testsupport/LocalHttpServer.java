package io.verity.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A real HTTP server on 127.0.0.1 for tests: it serves bytes, redirects, stalls, and records what it was sent (an
 * image host for image_url, a receiver for webhooks). URLs name it as {@code localhost}, so a test can allow-list the
 * name while the address 127.0.0.1 stays refused.
 */
public final class LocalHttpServer implements AutoCloseable {

    /** A request as received. */
    public record Received(String method, String path, Map<String, List<String>> headers, byte[] body) {
    }

    private interface Answer {
        void send(HttpExchange exchange) throws IOException;
    }

    private final HttpServer server;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();

    private LocalHttpServer(HttpServer server) {
        this.server = server;
    }

    public static LocalHttpServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            LocalHttpServer local = new LocalHttpServer(server);
            server.createContext("/", local::handle);
            server.setExecutor(Executors.newFixedThreadPool(8));
            server.start();
            return local;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the local HTTP server", e);
        }
    }

    /** A loopback port that nothing listens on (it was free a moment ago): connecting to it is refused. */
    public static int closedPort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://localhost:<port><path>}. */
    public String url(String path) {
        return "http://localhost:" + port() + path;
    }

    /** The same resource by address: {@code http://127.0.0.1:<port><path>}. */
    public String urlByAddress(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    public LocalHttpServer serve(String path, String contentType, byte[] body) {
        return answer(path, 200, contentType, body);
    }

    public LocalHttpServer answer(String path, int status, String contentType, byte[] body) {
        answers.put(path, exchange -> {
            exchange.getResponseHeaders().add("Content-Type", contentType);
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        return this;
    }

    public LocalHttpServer redirect(String path, String location) {
        answers.put(path, exchange -> {
            exchange.getResponseHeaders().add("Location", location);
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        return this;
    }

    /** Accepts the request and answers nothing for {@code delay}. */
    public LocalHttpServer stall(String path, Duration delay) {
        answers.put(path, exchange -> {
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        return this;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    Map.copyOf(exchange.getRequestHeaders()), body));
            Answer answer = answers.get(exchange.getRequestURI().getPath());
            if (answer == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            answer.send(exchange);
        } catch (IOException e) {
            // the client hung up (a size or time limit on its side): nothing to answer
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
