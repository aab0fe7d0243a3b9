package io.verity.platform.net;

import static io.verity.platform.net.OutboundTesting.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsServer;
import io.verity.platform.net.OutboundRefusedException.Reason;
import io.vertx.core.Vertx;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.TrustOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * https through a pinned address: the connection goes to the checked 127.0.0.1, while SNI, the Host header and the
 * certificate check use the URL's host name, which only the test's resolver knows.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OutboundHttpTlsTest {

    private static final String HOST = "images.verity.test";
    private static final char[] PASSWORD = "changeit".toCharArray();

    @TempDir
    static Path dir;
    private static Vertx vertx;
    private static HttpsServer server;
    private static ExecutorService threads;
    private static TrustOptions trustTheTestCertificate;
    private static final List<String> serverNames = new CopyOnWriteArrayList<>();
    private static final List<String> hostHeaders = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        Path keystore = dir.resolve("server.p12");
        Path certificate = dir.resolve("server.pem");
        keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=" + HOST, "-ext", "SAN=dns:" + HOST, "-keystore", keystore.toString(),
                "-storetype", "PKCS12", "-storepass", "changeit", "-keypass", "changeit");
        keytool("-exportcert", "-rfc", "-alias", "server", "-keystore", keystore.toString(), "-storepass", "changeit",
                "-file", certificate.toString());
        trustTheTestCertificate = new PemTrustOptions().addCertPath(certificate.toString());

        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(KeyStore.getInstance(keystore.toFile(), PASSWORD), PASSWORD);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), null, null);
        threads = Executors.newCachedThreadPool();
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.setExecutor(threads);
        server.createContext("/photo", exchange -> {
            try (exchange) {
                ExtendedSSLSession session = (ExtendedSSLSession) ((HttpsExchange) exchange).getSSLSession();
                session.getRequestedServerNames().forEach(name -> serverNames.add(((SNIHostName) name).getAsciiName()));
                hostHeaders.add(exchange.getRequestHeaders().getFirst("Host"));
                OutboundTesting.respond(exchange, 200, "image/jpeg", "secure".getBytes(StandardCharsets.UTF_8));
            }
        });
        server.start();
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
        threads.shutdownNow();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    private static OutboundHttp outbound(TrustOptions trust) {
        // Both names resolve to the loopback address, but only in this resolver: the system's knows neither.
        Map<String, InetAddress> names = Map.of(HOST, InetAddress.getLoopbackAddress(),
                "other.verity.test", InetAddress.getLoopbackAddress());
        DestinationPolicy policy = new DestinationPolicy(List.of("127.0.0.1"),
                host -> new InetAddress[] {names.get(host)});
        return new OutboundHttp(vertx, config(), policy, trust);
    }

    private static String url(String host) {
        return "https://" + host + ":" + server.getAddress().getPort() + "/photo";
    }

    @Test
    void sendsTheUrlHostAsSniAndHostHeaderAndChecksTheCertificateAgainstIt() {
        OutboundHttp outbound = outbound(trustTheTestCertificate);
        try {
            OutboundResponse response = outbound.get(url(HOST), "image_url");

            assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("secure");
            assertThat(serverNames).contains(HOST);
            assertThat(hostHeaders).contains(HOST + ":" + server.getAddress().getPort());
        } finally {
            outbound.close();
        }
    }

    @Test
    void refusesACertificateIssuedForAnotherHost() {
        OutboundHttp outbound = outbound(trustTheTestCertificate);
        try {
            OutboundRefusedException refused = catchThrowableOfType(OutboundRefusedException.class,
                    () -> outbound.get(url("other.verity.test"), "image_url"));

            assertThat(refused.reason()).isEqualTo(Reason.TLS_FAILED);
            assertThat(refused.getMessage()).startsWith("image_url: the TLS handshake with 'other.verity.test' failed");
        } finally {
            outbound.close();
        }
    }

    @Test
    void refusesACertificateTheJvmDoesNotTrust() {
        OutboundHttp outbound = outbound(null);
        try {
            OutboundRefusedException refused = catchThrowableOfType(OutboundRefusedException.class,
                    () -> outbound.get(url(HOST), "image_url"));

            assertThat(refused.reason()).isEqualTo(Reason.TLS_FAILED);
        } finally {
            outbound.close();
        }
    }

    private static void keytool(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("keytool " + arguments[0] + " failed: " + output);
        }
    }
}
