package io.verity.idv;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.junit.QuarkusTest;
import io.verity.idv.service.SanctionsList;
import io.verity.testsupport.SharedData;
import jakarta.inject.Inject;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The OFAC list is read from a directory at start, and from a URL through the SSRF checks. */
@QuarkusTest
class SanctionsListTest {

    @Inject
    SanctionsList sanctions;

    @Test
    void theListIsReadFromAUrlAndAForbiddenOrBrokenSourceKeepsTheListInForce() throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (sanctions.current() == null && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
        String before = sanctions.current().version();
        Path dir = SharedData.dir().resolve("sanctions");
        AtomicInteger served = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/ofac/", exchange -> {
            Path file = dir.resolve(Path.of(exchange.getRequestURI().getPath()).getFileName().toString());
            byte[] body = Files.exists(file) ? Files.readAllBytes(file) : "<html>gone</html>".getBytes();
            served.incrementAndGet();
            exchange.sendResponseHeaders(Files.exists(file) ? 200 : 404, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/broken/", exchange -> {
            byte[] body = "<html>not a list</html>".getBytes();
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            String base = "http://localhost:" + server.getAddress().getPort();
            assertThat(sanctions.load(base + "/ofac/")).isTrue();
            assertThat(served.get()).isEqualTo(3);
            assertThat(sanctions.current().version()).isEqualTo(before); // the same files, the same version
            assertThat(sanctions.screen("Ramzan", null, "Kadyrov", null, 0.15)).isNotEmpty();

            assertThat(sanctions.load(base + "/broken/")).isFalse();
            assertThat(sanctions.load("http://169.254.169.254/latest/")).isFalse(); // cloud metadata: refused, never called
            assertThat(sanctions.load("file:///etc/")).isFalse();
            assertThat(sanctions.current().version()).isEqualTo(before);
        } finally {
            server.stop(0);
        }
    }
}
