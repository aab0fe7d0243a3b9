package io.verity.weights.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.oidc.AccessTokenCredential;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The console's calls to the services' public and admin APIs, over HTTP, with the signed-in user's access token:
 * each service checks the token's roles itself, so a page can show no more than its user may call.
 */
@RequestScoped
public class ConsoleApi {

    private static final Logger LOG = Logger.getLogger(ConsoleApi.class);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    /** An API's answer: its status and its JSON (a problem body for errors). */
    public record Answer(int status, JsonNode body) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }

        /** The problem's detail, for the page to show. */
        public String problem() {
            String detail = body.path("detail").asText("");
            return detail.isEmpty() ? "the service answered " + status : detail;
        }
    }

    @Inject
    AccessTokenCredential token;

    @Inject
    RoutingContext routing;

    @Inject
    ObjectMapper json;

    @Inject
    ConsoleConfig config;

    /** This service's own API: on the loopback port this request came in on. */
    public String weightsUrl() {
        return "http://127.0.0.1:" + routing.request().localAddress().port();
    }

    public String idvUrl() {
        return config.idvUrl();
    }

    public Answer get(String url) {
        return send(request(url).GET());
    }

    public Answer post(String url, Object body) {
        try {
            return send(request(url).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("a console request body cannot be written", e);
        }
    }

    public Answer delete(String url) {
        return send(request(url).DELETE());
    }

    /** An image or file as the API serves it (content type and bytes), for the console to pass on. */
    public HttpResponse<byte[]> bytes(String url, Object body) {
        try {
            HttpRequest.Builder builder = request(url).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
            return HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw unavailable(url, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(url, e);
        }
    }

    private HttpRequest.Builder request(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(config.timeout())
                .header("Authorization", "Bearer " + token.getToken())
                .header("Accept", "application/json");
    }

    private Answer send(HttpRequest.Builder builder) {
        HttpRequest request = builder.build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body() == null || response.body().isBlank() ? json.createObjectNode()
                    : json.readTree(response.body());
            if (response.statusCode() >= 400) {
                LOG.infof("console: %s %s answered %d %s", request.method(), request.uri().getPath(),
                        response.statusCode(), body.path("code").asText(""));
            }
            return new Answer(response.statusCode(), body);
        } catch (IOException e) {
            throw unavailable(request.uri().toString(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(request.uri().toString(), e);
        }
    }

    private static io.verity.platform.error.ProblemException unavailable(String url, Exception e) {
        LOG.warnf("console: %s cannot be reached: %s", URI.create(url).getHost() + ":" + URI.create(url).getPort(), e.toString());
        return new io.verity.platform.error.ProblemException(502, "service_unavailable",
                "a Verity service that this page needs does not answer; try again", Map.of());
    }

    /** A JSON answer as plain maps and lists, what the templates read. */
    public Object tree(JsonNode node) {
        return json.convertValue(node, Object.class);
    }
}
