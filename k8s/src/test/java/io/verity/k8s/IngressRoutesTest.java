package io.verity.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonParser;
import io.kubernetes.client.openapi.models.V1HTTPIngressPath;
import io.kubernetes.client.openapi.models.V1Ingress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The Ingress routes every public path that a service serves to that service, and nothing under /internal/: checked
 * against the OpenAPI document each service's build writes ({@code <service>/target/openapi/openapi.json},
 * quarkus.smallrye-openapi.store-schema-directory). The information endpoints every service has ({@code /},
 * {@code /info}, {@code /health}, {@code /system}) are per service and reached inside the cluster, not through the
 * shared host.
 */
class IngressRoutesTest {

    static final Set<String> PER_SERVICE = Set.of("/", "/info", "/health", "/system");

    record Route(String prefix, String service) {
        boolean matches(String path) {
            String p = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
            return path.equals(p) || path.startsWith(p + "/");
        }
    }

    static List<Route> routes() {
        V1Ingress ingress = RenderedManifestsTest.rendered("base").find(V1Ingress.class, "verity-api")
                .orElseThrow(() -> new AssertionError("no Ingress verity-api"));
        List<Route> routes = new ArrayList<>();
        ingress.getSpec().getRules().forEach(rule -> {
            for (V1HTTPIngressPath path : rule.getHttp().getPaths()) {
                assertThat(path.getPathType()).as(path.getPath()).isEqualTo("Prefix");
                routes.add(new Route(path.getPath(), path.getBackend().getService().getName()));
            }
        });
        return routes;
    }

    static List<String> publicPaths(String service) throws IOException {
        Path document = Kustomize.MODULE.resolve("../" + service + "/target/openapi/openapi.json").normalize();
        Assumptions.assumeTrue(Files.isRegularFile(document),
                service + " has not been built in this reactor (no " + document + "): build it first");
        List<String> paths = new ArrayList<>(JsonParser.parseString(Files.readString(document)).getAsJsonObject()
                .getAsJsonObject("paths").keySet());
        paths.removeIf(p -> p.startsWith("/internal/") || PER_SERVICE.contains(p));
        return paths;
    }

    @Test
    void everyPublicPathOfEveryServiceIsRoutedToThatService() throws IOException {
        List<Route> routes = routes();
        List<String> wrong = new ArrayList<>();
        for (String service : RenderedManifestsTest.SERVICES) {
            Path document = Kustomize.MODULE.resolve("../" + service + "/target/openapi/openapi.json").normalize();
            if (!Files.isRegularFile(document)) {
                continue; // checked by the test below for the services that were built
            }
            for (String path : publicPaths(service)) {
                List<String> targets = routes.stream().filter(r -> r.matches(path)).map(Route::service).toList();
                if (!targets.equals(List.of(service))) {
                    wrong.add(path + " of " + service + " is routed to " + targets);
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void identityServicesPathsAreAllRouted() throws IOException {
        List<Route> routes = routes();
        assertThat(publicPaths("identity-service")).isNotEmpty().allSatisfy(path ->
                assertThat(routes).as(path).anyMatch(r -> r.matches(path) && r.service().equals("identity-service")));
    }

    @Test
    void nothingUnderInternalAndNoCatchAllIsRouted() {
        for (Route route : routes()) {
            assertThat(route.prefix()).isNotEqualTo("/").doesNotStartWith("/internal");
            assertThat(route.matches("/internal/v1/faces/analyze")).as(route.prefix()).isFalse();
        }
    }
}
