package io.verity.platform.net;

import static io.verity.platform.net.OutboundTesting.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.verity.platform.net.OutboundRefusedException.Reason;
import io.verity.platform.net.OutboundTesting.LocalServer;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link OutboundHttp} against a real HTTP server on 127.0.0.1. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class OutboundHttpTest {

    private static final byte[] HELLO = "hello".getBytes(StandardCharsets.UTF_8);

    private static Vertx vertx;
    private LocalServer server;
    private final List<OutboundHttp> clients = new ArrayList<>();

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @BeforeEach
    void startServer() throws IOException {
        server = new LocalServer();
    }

    @AfterEach
    void stopServer() {
        clients.forEach(OutboundHttp::close);
        server.close();
    }

    private OutboundHttp outbound(String... config) {
        OutboundConfig settings = config(config);
        return outbound(settings, new DestinationPolicy(settings.allowList().orElse(List.of())));
    }

    private OutboundHttp outbound(OutboundConfig settings, DestinationPolicy policy) {
        OutboundHttp client = new OutboundHttp(vertx, settings, policy, null);
        clients.add(client);
        return client;
    }

    private static OutboundRefusedException refusal(Runnable call) {
        return catchThrowableOfType(OutboundRefusedException.class, call::run);
    }

    @Test
    void refusesLoopbackWhenTheAllowListIsEmpty() {
        server.answer("/photo", 200, "image/jpeg", HELLO);

        OutboundRefusedException refused = refusal(() -> outbound().get(server.url("/photo"), "image_url"));

        assertThat(refused.reason()).isEqualTo(Reason.DESTINATION_NOT_ALLOWED);
        assertThat(refused.code()).isEqualTo("destination_not_allowed");
        assertThat(refused.field()).isEqualTo("image_url");
        assertThat(refused.getMessage()).isEqualTo(
                "image_url points to 127.0.0.1, a loopback address (127.0.0.0/8); only public addresses are fetched");
        assertThat(server.hits("/photo")).isZero();
    }

    @Test
    void fetchesLoopbackAddressNamedByTheAllowList() {
        server.answer("/photo", 200, "image/jpeg", HELLO);

        OutboundResponse response = outbound("allow-list=127.0.0.1").get(server.url("/photo?token=x"), "image_url");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).contains("image/jpeg");
        assertThat(response.body()).isEqualTo(HELLO);
        assertThat(response.truncated()).isFalse();
        assertThat(server.hits("/photo")).isEqualTo(1);
        assertThat(server.requestHeaders.getFirst().get("Host")).containsExactly("127.0.0.1:" + server.port());
    }

    @Test
    void fetchesAddressInsideAnAllowListedRange() {
        server.answer("/photo", 200, "image/png", HELLO);

        OutboundResponse response = outbound("allow-list=10.0.0.0/8, 127.0.0.0/8").get(server.url("/photo"), "image_url");

        assertThat(response.body()).isEqualTo(HELLO);
    }

    @Test
    void refusesARedirectToAnAddressTheAllowListDoesNotName() {
        // 127.0.0.2 is loopback too, but only 127.0.0.1 is allowed: the second hop must be checked on its own.
        server.redirect("/start", 302, "http://127.0.0.2:" + server.port() + "/secret");
        server.answer("/secret", 200, "text/plain", HELLO);

        OutboundRefusedException refused =
                refusal(() -> outbound("allow-list=127.0.0.1").get(server.url("/start"), "image_url"));

        assertThat(refused.reason()).isEqualTo(Reason.DESTINATION_NOT_ALLOWED);
        assertThat(refused.getMessage()).startsWith("image_url (redirect 1) points to 127.0.0.2, a loopback address");
        assertThat(server.hits("/start")).isEqualTo(1);
        assertThat(server.hits("/secret")).isZero();
    }

    @Test
    void followsRelativeAndAbsoluteRedirectsThatPassTheRules() {
        server.redirect("/a", 302, "/b?step=2");
        server.redirect("/b", 301, server.url("/c"));
        server.answer("/c", 200, "image/jpeg", HELLO);

        OutboundResponse response = outbound("allow-list=127.0.0.1").get(server.url("/a"), "image_url");

        assertThat(response.body()).isEqualTo(HELLO);
        assertThat(List.of(server.hits("/a"), server.hits("/b"), server.hits("/c"))).containsExactly(1, 1, 1);
    }

    @Test
    void refusesMoreRedirectsThanConfigured() {
        server.redirect("/loop", 307, "/loop");

        OutboundRefusedException refused = refusal(
                () -> outbound("allow-list=127.0.0.1", "max-redirects=2").get(server.url("/loop"), "image_url"));

        assertThat(refused.reason()).isEqualTo(Reason.TOO_MANY_REDIRECTS);
        assertThat(refused.getMessage()).isEqualTo("image_url redirected more than 2 times");
        assertThat(server.hits("/loop")).isEqualTo(3);
    }

    @Test
    void refusesARedirectToAFileUrl() {
        server.redirect("/start", 302, "file:///etc/passwd");

        OutboundRefusedException refused =
                refusal(() -> outbound("allow-list=127.0.0.1").get(server.url("/start"), "image_url"));

        assertThat(refused.reason()).isEqualTo(Reason.SCHEME_NOT_ALLOWED);
        assertThat(refused.getMessage()).startsWith("image_url (redirect 1) uses the scheme 'file'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"file:///etc/passwd", "ftp://127.0.0.1/x", "gopher://127.0.0.1:70/_x", "jar:file:/x!/y"})
    void refusesSchemesOtherThanHttpAndHttps(String url) {
        OutboundRefusedException refused = refusal(() -> outbound("allow-list=127.0.0.1").get(url, "image_url"));

        assertThat(refused.reason()).isEqualTo(Reason.SCHEME_NOT_ALLOWED);
        assertThat(refused.getMessage()).endsWith("only http and https URLs are fetched");
    }

    @Test
    void refusesAUrlWithUserCredentials() {
        server.answer("/photo", 200, "image/jpeg", HELLO);
        String url = "http://user:secret@127.0.0.1:" + server.port() + "/photo";

        OutboundRefusedException refused = refusal(() -> outbound("allow-list=127.0.0.1").get(url, "image_url"));

        assertThat(refused.reason()).isEqualTo(Reason.USERINFO_NOT_ALLOWED);
        assertThat(refused.getMessage()).doesNotContain("secret");
        assertThat(server.hits("/photo")).isZero();
    }

    @Test
    void refusesABodyDeclaredLargerThanTheLimitWithoutReadingIt() throws Exception {
        CompletableFuture<Long> writtenWhenClosed = new CompletableFuture<>();
        long declared = 1L << 30;
        server.on("/huge", exchange -> {
            exchange.sendResponseHeaders(200, declared);
            writtenWhenClosed.complete(writeUntilClosed(exchange.getResponseBody(), declared));
        });

        OutboundRefusedException refused = refusal(
                () -> outbound("allow-list=127.0.0.1", "max-body-bytes=65536").get(server.url("/huge"), "image_url"));

        assertThat(refused.reason()).isEqualTo(Reason.TOO_LARGE);
        assertThat(refused.getMessage()).isEqualTo("image_url declares a body of 1073741824 bytes; the limit is 65536");
        // The server saw the client hang up long before it could write the declared gigabyte.
        assertThat(writtenWhenClosed.get(10, TimeUnit.SECONDS)).isBetween(0L, declared / 16);
    }

    @Test
    void stopsReadingABodyOfUnknownLengthOnceItPassesTheLimit() throws Exception {
        CompletableFuture<Long> writtenWhenClosed = new CompletableFuture<>();
        long endless = 1L << 34;
        server.on("/stream", exchange -> {
            exchange.sendResponseHeaders(200, 0); // chunked
            writtenWhenClosed.complete(writeUntilClosed(exchange.getResponseBody(), endless));
        });

        OutboundRefusedException refused = refusal(
                () -> outbound("allow-list=127.0.0.1", "max-body-bytes=65536").get(server.url("/stream"), "image_url"));

        assertThat(refused.reason()).isEqualTo(Reason.TOO_LARGE);
        assertThat(refused.getMessage()).isEqualTo("image_url sent a body of more than 65536 bytes, the limit");
        assertThat(writtenWhenClosed.get(10, TimeUnit.SECONDS)).isBetween(65536L, endless / 16);
    }

    /** Writes zeros until {@code total} or until the client hangs up; returns how many were written. */
    private static long writeUntilClosed(OutputStream body, long total) {
        byte[] chunk = new byte[16 * 1024];
        long written = 0;
        try {
            while (written < total) {
                body.write(chunk);
                body.flush();
                written += chunk.length;
            }
        } catch (IOException clientHungUp) {
            return written;
        }
        return Long.MAX_VALUE; // finished: the client read everything
    }

    @Test
    void refusesAnErrorStatus() {
        server.answer("/missing", 404, "text/html", "<h1>not here</h1>".getBytes(StandardCharsets.UTF_8));

        OutboundRefusedException refused =
                refusal(() -> outbound("allow-list=127.0.0.1").get(server.url("/missing"), "image_url"));

        assertThat(refused.reason()).isEqualTo(Reason.HTTP_ERROR);
        assertThat(refused.getMessage()).isEqualTo("image_url answered HTTP 404");
    }

    @Test
    void givesUpOnAServerThatNeverAnswersAtTheDeadline() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
            List<Socket> accepted = new CopyOnWriteArrayList<>();
            Thread acceptor = Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept()); // and never answer
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            String url = "http://127.0.0.1:" + silent.getLocalPort() + "/photo";
            OutboundHttp outbound = outbound("allow-list=127.0.0.1", "timeout=1s");

            long started = System.nanoTime();
            OutboundRefusedException refused = refusal(() -> outbound.get(url, "image_url"));
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(refused.reason()).isEqualTo(Reason.TIMEOUT);
            assertThat(refused.getMessage()).isEqualTo("image_url did not answer within 1 s");
            assertThat(took).isBetween(Duration.ofMillis(900), Duration.ofMillis(2000));
            assertThat(accepted).hasSize(1);
            acceptor.interrupt();
        }
    }

    @Test
    void reportsARefusedConnection() throws IOException {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }

        OutboundRefusedException refused = refusal(() -> outbound("allow-list=127.0.0.1")
                .get("http://127.0.0.1:" + closedPort + "/photo", "image_url"));

        assertThat(refused.reason()).isEqualTo(Reason.CONNECT_FAILED);
        assertThat(refused.getMessage()).startsWith("image_url could not be reached at 127.0.0.1:" + closedPort);
    }

    @Test
    void connectsToTheAddressItCheckedWithoutASecondLookup() {
        // A resolver that rebinds: the first answer is the allowed address, every later one a forbidden address.
        AtomicInteger lookups = new AtomicInteger();
        DestinationPolicy.HostResolver rebinding = host -> lookups.incrementAndGet() == 1
                ? new InetAddress[] {InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1})}
                : new InetAddress[] {InetAddress.getByAddress(host, new byte[] {10, 0, 0, 5})};
        server.answer("/photo", 200, "image/jpeg", HELLO);
        OutboundHttp outbound = outbound(config(), new DestinationPolicy(List.of("127.0.0.1"), rebinding));

        // The system resolver knows nothing of images.verity.test: only the checked address can have been used.
        OutboundResponse response = outbound.get("http://images.verity.test:" + server.port() + "/photo", "image_url");

        assertThat(response.body()).isEqualTo(HELLO);
        assertThat(lookups).hasValue(1);
        assertThat(server.requestHeaders.getFirst().get("Host")).containsExactly("images.verity.test:" + server.port());
    }

    @Test
    void reusesAConnectionOnlyForTheSameCheckedAddress() throws IOException {
        // images.verity.test resolves to 127.0.0.1 twice, then to 127.0.0.2, where another server listens on the same
        // port: the third call must go there, not over the pooled connection to 127.0.0.1.
        AtomicInteger lookups = new AtomicInteger();
        DestinationPolicy.HostResolver moving = host -> new InetAddress[] {InetAddress.getByAddress(host,
                new byte[] {127, 0, 0, (byte) (lookups.incrementAndGet() <= 2 ? 1 : 2)})};
        server.answer("/photo", 200, "image/jpeg", HELLO);
        try (LocalServer moved = new LocalServer(new InetSocketAddress("127.0.0.2", server.port()))) {
            moved.answer("/photo", 200, "image/jpeg", "moved".getBytes(StandardCharsets.UTF_8));
            OutboundHttp outbound = outbound(config(), new DestinationPolicy(List.of("127.0.0.0/8"), moving));
            String url = "http://images.verity.test:" + server.port() + "/photo";

            assertThat(outbound.get(url, "image_url").body()).isEqualTo(HELLO);
            assertThat(outbound.get(url, "image_url").body()).isEqualTo(HELLO);
            assertThat(outbound.get(url, "image_url").body()).asString(StandardCharsets.UTF_8).isEqualTo("moved");

            assertThat(server.requestSources).hasSize(2);
            assertThat(server.requestSources.get(1)).isEqualTo(server.requestSources.get(0));
            assertThat(moved.hits("/photo")).isEqualTo(1);
            assertThat(lookups).hasValue(3);
        }
    }

    @Test
    void opensAConnectionPerCallWhenKeepAliveIsOff() {
        server.answer("/photo", 200, "image/jpeg", HELLO);
        OutboundHttp outbound = outbound("allow-list=127.0.0.1", "keep-alive=0s");

        outbound.get(server.url("/photo"), "image_url");
        outbound.get(server.url("/photo"), "image_url");

        assertThat(server.requestSources).hasSize(2);
        assertThat(server.requestSources.get(1)).isNotEqualTo(server.requestSources.get(0));
    }

    @Test
    void postsJsonWithHeadersAndReturnsTheStatus() {
        server.answer("/hook", 202, "application/json", "{\"ok\":true}".getBytes(StandardCharsets.UTF_8));

        OutboundResponse response = outbound("allow-list=127.0.0.1")
                .postJson(server.url("/hook"), "webhook_url", "{\"event\":\"idv.session.completed\"}",
                        Map.of("X-Verity-Signature", "t=1,v1=abc"));

        assertThat(response.status()).isEqualTo(202);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("{\"ok\":true}");
        assertThat(server.requestBodies).containsExactly("{\"event\":\"idv.session.completed\"}");
        Map<String, List<String>> headers = server.requestHeaders.getFirst();
        assertThat(headers.get("Content-type")).containsExactly("application/json");
        assertThat(headers.get("X-verity-signature")).containsExactly("t=1,v1=abc");
    }

    @Test
    void keepsOnlyTheFirstBytesOfALargePostAnswer() {
        byte[] large = new byte[1 << 20];
        large[0] = 'x';
        server.answer("/hook", 500, "text/plain", large);

        OutboundResponse response = outbound("allow-list=127.0.0.1", "max-post-response-bytes=1000")
                .postJson(server.url("/hook"), "webhook_url", "{}", Map.of());

        assertThat(response.status()).isEqualTo(500);
        assertThat(response.body()).hasSize(1000).startsWith((byte) 'x');
        assertThat(response.truncated()).isTrue();
    }

    @Test
    void postReturnsARedirectWithoutFollowingIt() {
        server.redirect("/hook", 307, server.url("/elsewhere"));
        server.answer("/elsewhere", 200, "text/plain", HELLO);

        OutboundResponse response = outbound("allow-list=127.0.0.1").postJson(server.url("/hook"), "webhook_url", "{}",
                Map.of());

        assertThat(response.status()).isEqualTo(307);
        assertThat(server.hits("/elsewhere")).isZero();
    }

    @Test
    void postRefusesAPrivateDestinationWithoutConnecting() {
        server.answer("/hook", 200, "text/plain", HELLO);

        OutboundRefusedException refused =
                refusal(() -> outbound().postJson(server.url("/hook"), "webhook_url", "{}", Map.of()));

        assertThat(refused.reason()).isEqualTo(Reason.DESTINATION_NOT_ALLOWED);
        assertThat(refused.getMessage()).startsWith("webhook_url points to 127.0.0.1");
        assertThat(server.hits("/hook")).isZero();
    }

    @Test
    void postRejectsHeadersThatItSetsItself() {
        assertThatThrownBy(() -> outbound("allow-list=127.0.0.1")
                .postJson(server.url("/hook"), "webhook_url", "{}", Map.of("Host", "internal")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Host");
    }

    @Test
    void checkValidatesWithoutConnecting() {
        server.answer("/hook", 200, "text/plain", HELLO);
        OutboundHttp outbound = outbound("allow-list=127.0.0.1");

        Destination allowed = outbound.check(server.url("/hook"), "webhook_url");
        OutboundRefusedException refused = refusal(() -> outbound.check("http://127.0.0.2/hook", "webhook_url"));

        assertThat(allowed.address().getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(allowed.port()).isEqualTo(server.port());
        assertThat(refused.reason()).isEqualTo(Reason.DESTINATION_NOT_ALLOWED);
        assertThat(server.hits("/hook")).isZero();
    }

    @Test
    void refusesAHostThatDoesNotResolve() {
        DestinationPolicy.HostResolver nothing = host -> {
            throw new UnknownHostException(host);
        };
        OutboundHttp outbound = outbound(config(), new DestinationPolicy(List.of(), nothing));

        OutboundRefusedException refused = refusal(() -> outbound.get("https://images.example.invalid/a.jpg", "image_url"));

        assertThat(refused.reason()).isEqualTo(Reason.HOST_UNRESOLVABLE);
        assertThat(refused.getMessage()).isEqualTo("image_url names the host 'images.example.invalid', which does not resolve");
    }

    @Test
    void fetchesARealPhoto() throws IOException {
        byte[] photo = OutboundTesting.sharedFile("data/faces/obama/obama-1.jpg");
        server.answer("/obama.jpg", 200, "application/octet-stream", photo);

        OutboundResponse response = outbound("allow-list=127.0.0.1").get(server.url("/obama.jpg"), "image_url");

        assertThat(response.body()).isEqualTo(photo);
    }

    @Test
    void logsARefusalOnceWithoutTheQueryString() {
        List<ExtLogRecord> records = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add((ExtLogRecord) record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(OutboundRefusedException.class.getName());
        logger.addHandler(capture);
        try {
            server.redirect("/start", 302, "http://127.0.0.2:" + server.port() + "/next?token=redirect-secret");

            refusal(() -> outbound("allow-list=127.0.0.1").get(server.url("/start?token=caller-secret"), "image_url"));
        } finally {
            logger.removeHandler(capture);
        }

        assertThat(records).hasSize(1);
        assertThat(records.getFirst().getLevel().getName()).isEqualTo("WARN");
        assertThat(records.getFirst().getFormattedMessage())
                .startsWith("outbound GET refused (destination_not_allowed): image_url (redirect 1) points to 127.0.0.2")
                .doesNotContain("secret");
    }
}
