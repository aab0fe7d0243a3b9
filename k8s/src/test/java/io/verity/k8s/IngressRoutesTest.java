package io.verity.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonParser;
import io.kubernetes.client.openapi.models.V1HTTPIngressPath;
import io.kubernetes.client.openapi.models.V1Ingress;
import io.verity.k8s.CustomResources.HttpRoute;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The public host routes every public path that a service serves to that service, and nothing else: no route that
 * serves none of its service's paths, nothing under /internal/. Checked for the Ingress (base) and the Gateway
 * API HTTPRoute (overlays/prod-gateway) against the OpenAPI document each service's build writes
 * ({@code <service>/target/openapi/openapi.json}, quarkus.smallrye-openapi.store-schema-directory). The information
 * endpoints every service has ({@code /}, {@code /info}, {@code /health}, {@code /system}) are per service and
 * reached inside the cluster, not through the shared host.
 */
class IngressRoutesTest {

    static final Set<String> PER_SERVICE = Set.of("/", "/info", "/health", "/system");

    /**
     * Public static files, which no OpenAPI document lists: idv-service's JS SDK (the hosted page loads it from there;
     * docs/adr/0020).
     */
    static final Map<String, String> STATIC = Map.of("/sdk", "idv-service");

    record Route(String prefix, String service) {
        boolean matches(String path) {
            String p = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
            return path.equals(p) || path.startsWith(p + "/");
        }
    }

    /** The routes of the API host: the Ingress verity-api, or the HTTPRoute verity-api. */
    static List<Route> routes(String dir) {
        Manifests manifests = RenderedManifestsTest.rendered(dir);
        List<Route> routes = new ArrayList<>();
        manifests.find(V1Ingress.class, "verity-api").ifPresent(ingress -> ingress.getSpec().getRules().forEach(rule -> {
            for (V1HTTPIngressPath path : rule.getHttp().getPaths()) {
                assertThat(path.getPathType()).as(path.getPath()).isEqualTo("Prefix");
                routes.add(new Route(path.getPath(), path.getBackend().getService().getName()));
            }
        }));
        manifests.custom(HttpRoute.class).stream().filter(r -> r.metadata().name().equals("verity-api"))
                .flatMap(r -> r.spec().rules().stream())
                .forEach(rule -> {
                    assertThat(rule.backendRefs()).hasSize(1);
                    for (var match : rule.matches()) {
                        assertThat(match.path().type()).isEqualTo(CustomResources.PathMatchType.PathPrefix);
                        routes.add(new Route(match.path().value(), rule.backendRefs().getFirst().name()));
                    }
                });
        assertThat(routes).as("routes of the API host in %s", dir).isNotEmpty();
        return routes;
    }

    static Path document(String service) {
        return Kustomize.MODULE.resolve("../" + service + "/target/openapi/openapi.json").normalize();
    }

    static List<String> publicPaths(String service) throws IOException {
        List<String> paths = new ArrayList<>(JsonParser.parseString(Files.readString(document(service)))
                .getAsJsonObject().getAsJsonObject("paths").keySet());
        paths.removeIf(p -> p.startsWith("/internal/") || PER_SERVICE.contains(p));
        return paths;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"base", "overlays/prod-gateway"})
    void everyPublicPathOfEveryServiceIsRoutedToThatService(String dir) throws IOException {
        List<Route> routes = routes(dir);
        List<String> wrong = new ArrayList<>();
        for (String service : builtServices()) {
            for (String path : publicPaths(service)) {
                List<String> targets = routes.stream().filter(r -> r.matches(path)).map(Route::service).toList();
                if (!targets.equals(List.of(service))) {
                    wrong.add(path + " of " + service + " is routed to " + targets);
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"base", "overlays/prod-gateway"})
    void everyRouteServesAPublicPathOfItsServiceAndNothingElse(String dir) throws IOException {
        List<String> services = builtServices();
        Assumptions.assumeTrue(services.size() == RenderedManifestsTest.SERVICES.size(),
                "every service's OpenAPI document is needed: build the services first (" + services + " built)");
        for (Route route : routes(dir)) {
            assertThat(route.prefix()).isNotEqualTo("/").doesNotStartWith("/internal");
            assertThat(route.matches("/internal/v1/faces/analyze")).as(route.prefix()).isFalse();
            assertThat(RenderedManifestsTest.SERVICES).as("%s routes to a Verity service", route).contains(route.service());
            if (route.service().equals(STATIC.get(route.prefix()))) {
                continue;
            }
            assertThat(publicPaths(route.service())).as("public paths of %s under %s", route.service(), route.prefix())
                    .anyMatch(route::matches);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"base", "overlays/prod-gateway"})
    void theIngressAndTheGatewayRouteTheSamePaths(String dir) {
        assertThat(routes(dir)).containsExactlyInAnyOrderElementsOf(routes("base"));
    }

    private static List<String> builtServices() {
        List<String> built = RenderedManifestsTest.SERVICES.stream().filter(s -> Files.isRegularFile(document(s))).toList();
        Assumptions.assumeFalse(built.isEmpty(), "no service has been built in this reactor: build them first");
        return built;
    }
}
