package io.verity.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.kubernetes.client.custom.Quantity;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1EnvVar;
import io.kubernetes.client.openapi.models.V1Ingress;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1StatefulSet;
import io.kubernetes.client.openapi.models.V1VolumeMount;
import io.verity.k8s.CustomResources.Cluster;
import io.verity.k8s.CustomResources.Role;
import io.verity.k8s.CustomResources.ScheduledBackup;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The promises, on every render, and each check shown to fail on a manifest broken on purpose. */
class DeploymentPromisesTest {

    /** The short name in each service's database Secret and role: verity-db-identity, verity_identity. */
    static final Map<String, String> SHORT = Map.of("identity-service", "identity", "idv-service", "idv",
            "ida-service", "ida", "weights-service", "weights", "webhook-service", "webhook");

    static Manifests rendered(String dir) {
        return RenderedManifestsTest.rendered(dir);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"overlays/prod", "overlays/gpu", "overlays/prod-gateway"})
    void productionServesEveryHostOverHttpsWithACertManagerCertificate(String dir) {
        assertThat(DeploymentPromises.tls(rendered(dir))).isEmpty();
    }

    @Test
    void theGatewayOverlayRoutesThroughTheGatewayAndNoIngress() {
        Manifests gateway = rendered("overlays/prod-gateway");
        assertThat(gateway.all(V1Ingress.class)).isEmpty();
        assertThat(gateway.custom(CustomResources.Gateway.class)).hasSize(1);
        assertThat(gateway.custom(CustomResources.HttpRoute.class)).extracting(r -> r.metadata().name())
                .containsExactlyInAnyOrder("verity-api", "verity-auth");
    }

    @Test
    void anIngressWithoutTlsOrACertificateForAnotherHostIsReported() {
        Manifests prod = rendered("overlays/prod");
        prod.find(V1Ingress.class, "verity-api").orElseThrow().getSpec().setTls(null);
        prod.custom(CustomResources.Certificate.class).stream()
                .filter(c -> c.metadata().name().equals("verity-auth")).findFirst().orElseThrow()
                .spec().dnsNames().set(0, "auth.elsewhere.example.com");

        assertThat(DeploymentPromises.tls(prod)).contains(
                "Ingress/verity-api: no TLS",
                "Ingress/verity-api: host api.verity.example.com is not in its TLS section",
                "Ingress/verity-auth: Certificate/verity-auth does not cover [auth.verity.example.com]",
                "no certificate for Keycloak's host auth.verity.example.com");
    }

    @Test
    void plainHttpOidcOrAnHttpListenerIsReported() {
        String yaml = Kustomize.render("overlays/prod-gateway")
                .replace("oidc-url: https://", "oidc-url: http://")
                .replaceFirst("protocol: HTTPS", "protocol: HTTP");

        assertThat(DeploymentPromises.tls(Manifests.parse(yaml))).contains(
                "verity-config oidc-url is not an https:// URL: http://auth.verity.example.com/realms/verity",
                "Gateway/verity listener api: not HTTPS terminated at the Gateway");
    }

    @Test
    void aBrokenFieldOfACustomResourceFailsTheParse() {
        String prod = Kustomize.render("overlays/prod-gateway");
        assertThatThrownBy(() -> Manifests.parse(prod.replace("dnsNames:", "dnsName:")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dnsName");
        assertThatThrownBy(() -> Manifests.parse(prod.replace("type: PathPrefix", "type: Prefix")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Prefix");
        assertThatThrownBy(() -> Manifests.parse(prod.replace("instances: 3", "instances: three")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("three");
        assertThatThrownBy(() -> Manifests.parse(prod.replace("retentionPolicy:", "retention:")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("retention");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"base", "overlays/dev", "overlays/prod", "overlays/gpu", "overlays/prod-gateway"})
    void noSecretAndNoRealmHoldsALiteralCredential(String dir) {
        assertThat(DeploymentPromises.noLiteralCredentials(rendered(dir))).isEmpty();
    }

    @Test
    void aRealmWithAClientSecretIsReported() {
        String yaml = Kustomize.render("base").replace("\"clientAuthenticatorType\": \"client-secret\"",
                "\"clientAuthenticatorType\": \"client-secret\", \"secret\": \"hunter2\"");
        assertThat(yaml).contains("hunter2"); // the realm still has the field this test edits

        assertThat(DeploymentPromises.noLiteralCredentials(Manifests.parse(yaml))).singleElement().asString()
                .contains("verity-realm.json: holds a secret, password or credential value");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"base", "overlays/dev", "overlays/prod", "overlays/gpu", "overlays/prod-gateway"})
    void onlyTheMatcherOfTheGpuOverlayRequestsAGpu(String dir) {
        assertThat(DeploymentPromises.gpuWorkloads(rendered(dir)))
                .isEqualTo(dir.equals("overlays/gpu") ? Set.of("Deployment/identity-matcher") : Set.of());
    }

    @Test
    void aGpuAskedForByAnotherServiceIsFound() {
        Manifests gpu = rendered("overlays/gpu");
        gpu.deployment("idv-service").getSpec().getTemplate().getSpec().getContainers().getFirst()
                .getResources().getLimits().put("nvidia.com/gpu", new Quantity("1"));

        assertThat(DeploymentPromises.gpuWorkloads(gpu))
                .containsExactly("Deployment/identity-matcher", "Deployment/idv-service");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"base", "overlays/dev", "overlays/prod", "overlays/gpu", "overlays/prod-gateway"})
    void theMasterKeyIsMountedOnlyWhereBiometricDataIsSealedOrOpened(String dir) {
        assertThat(DeploymentPromises.workloadsWithSecretKey(rendered(dir), "master-key"))
                .isEqualTo(DeploymentPromises.MASTER_KEY_USERS);
    }

    @Test
    void aMasterKeyGivenToWeightsServiceIsFound() {
        Manifests base = rendered("base");
        V1Container weights = base.deployment("weights-service").getSpec().getTemplate().getSpec().getContainers().getFirst();
        weights.addEnvItem(DeploymentPromises.env(base, "identity-service")
                .filter(e -> e.getName().equals("VERITY_MASTER_KEY")).findFirst().orElseThrow());

        assertThat(DeploymentPromises.workloadsWithSecretKey(base, "master-key")).contains("weights-service");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"base", "overlays/dev", "overlays/prod", "overlays/gpu", "overlays/prod-gateway"})
    void eachServiceLogsInWithItsOwnDatabaseRoleAndOnlyTheMigrationWithTheOwner(String dir) {
        Manifests manifests = rendered(dir);
        for (String service : RenderedManifestsTest.SERVICES) {
            assertThat(DeploymentPromises.env(manifests, service)
                    .filter(e -> e.getName().startsWith("VERITY_DB_USER") || e.getName().startsWith("VERITY_DB_PASSWORD"))
                    .map(e -> e.getValueFrom().getSecretKeyRef().getName()))
                    .as(service).hasSize(2).containsOnly("verity-db-" + SHORT.get(service));
        }
        assertThat(DeploymentPromises.workloadsWithSecretKey(manifests, "username")).contains("schema-migrate");
        assertThat(DeploymentPromises.config(manifests).get("db-url"))
                .isEqualTo("jdbc:postgresql://postgresql-rw.verity-data.svc.cluster.local:5432/verity");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"overlays/prod", "overlays/gpu", "overlays/prod-gateway"})
    void productionRunsCloudNativePgWithAServiceRolePerServiceAndNightlyBackups(String dir) {
        Manifests prod = rendered(dir);
        Cluster cluster = prod.custom(Cluster.class).stream().collect(onlyOne());

        assertThat(cluster.metadata().namespace()).isEqualTo("verity-data");
        assertThat(cluster.spec().instances()).isGreaterThanOrEqualTo(3);
        assertThat(cluster.spec().bootstrap().initdb().owner()).isEqualTo("verity_owner");
        assertThat(cluster.spec().bootstrap().initdb().secret().name()).isEqualTo("verity-db-migrate");
        List<Role> roles = cluster.spec().managed().roles();
        for (String shortName : SHORT.values()) {
            assertThat(roles).as("login role of %s", shortName).anySatisfy(role -> {
                assertThat(role.name()).isEqualTo("verity_" + shortName);
                assertThat(role.login()).isTrue();
                assertThat(role.passwordSecret().name()).isEqualTo("verity-db-" + shortName);
                assertThat(role.inRoles()).containsExactly("verity_app_" + shortName);
                assertThat(role.createrole()).isNotEqualTo(Boolean.TRUE);
            });
            assertThat(roles).as("group role of %s", shortName)
                    .anyMatch(r -> r.name().equals("verity_app_" + shortName) && Boolean.FALSE.equals(r.login()));
        }
        var store = cluster.spec().backup().barmanObjectStore();
        assertThat(store.destinationPath()).startsWith("s3://");
        assertThat(store.s3Credentials().accessKeyId().name()).isEqualTo("verity-backup-s3");
        assertThat(store.wal()).isNotNull();
        assertThat(prod.custom(ScheduledBackup.class)).singleElement().satisfies(backup -> {
            assertThat(backup.spec().cluster().name()).isEqualTo(cluster.metadata().name());
            assertThat(backup.spec().method()).isEqualTo(CustomResources.BackupMethod.barmanObjectStore);
            assertThat(backup.spec().schedule().split(" ")).as("six fields, seconds first").hasSize(6);
        });
        assertThat(prod.all(V1StatefulSet.class)).isEmpty();
    }

    @Test
    void devRunsPostgreSqlAsAStatefulSetBehindTheSameServiceName() {
        Manifests dev = rendered("overlays/dev");

        assertThat(dev.custom(Cluster.class)).isEmpty();
        V1StatefulSet postgres = dev.all(V1StatefulSet.class).stream().collect(onlyOne());
        assertThat(postgres.getMetadata().getNamespace()).isEqualTo("verity-data");
        assertThat(dev.all(V1Service.class)).anyMatch(s -> s.getMetadata().getName().equals("postgresql-rw")
                && s.getMetadata().getNamespace().equals("verity-data"));
        assertThat(postgres.getSpec().getVolumeClaimTemplates()).isNotEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"base", "overlays/dev", "overlays/prod", "overlays/gpu", "overlays/prod-gateway"})
    void keycloakImportsTheVerityRealmWithTheConsoleRoles(String dir) {
        Manifests manifests = rendered(dir);
        V1Deployment keycloak = manifests.deployment("keycloak");
        V1Container container = keycloak.getSpec().getTemplate().getSpec().getContainers().getFirst();
        assertThat(container.getArgs()).contains("--import-realm", "--optimized");
        String realmVolume = container.getVolumeMounts().stream()
                .filter(m -> m.getMountPath().equals("/opt/keycloak/data/import")).map(V1VolumeMount::getName)
                .findFirst().orElseThrow();
        String configMap = keycloak.getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(v -> v.getName().equals(realmVolume)).findFirst().orElseThrow().getConfigMap().getName();
        String realm = manifests.find(V1ConfigMap.class, configMap).orElseThrow().getData().get("verity-realm.json");

        JsonObject json = JsonParser.parseString(realm).getAsJsonObject();
        assertThat(json.get("realm").getAsString()).isEqualTo("verity");
        assertThat(json.getAsJsonObject("roles").getAsJsonArray("realm").asList())
                .extracting(r -> r.getAsJsonObject().get("name").getAsString()).contains("admin", "reviewer");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"overlays/prod", "overlays/gpu", "overlays/prod-gateway"})
    void productionKeepsImagesInTheObjectStoreConfiguredFromASecret(String dir) {
        Manifests prod = rendered(dir);
        for (String service : List.of("idv-service", "ida-service")) {
            List<V1EnvVar> env = DeploymentPromises.env(prod, service).toList();
            assertThat(env).as(service).anyMatch(e -> e.getName().equals("VERITY_BLOB_BACKEND") && "s3".equals(e.getValue()));
            assertThat(env.stream().filter(e -> e.getName().startsWith("VERITY_S3_")))
                    .as(service).hasSize(5)
                    .allMatch(e -> "verity-object-store".equals(e.getValueFrom().getSecretKeyRef().getName()));
        }
        assertThat(DeploymentPromises.env(rendered("overlays/dev"), "idv-service"))
                .noneMatch(e -> e.getName().startsWith("VERITY_S3_") || e.getName().equals("VERITY_BLOB_BACKEND"));
    }

    /**
     * Service-to-service calls: no shared internal token in the cluster; each service has a projected ServiceAccount
     * token for each service it calls (audience = that service's name), and each called service allows the caller
     * (its application.properties, verity.internal.service-accounts.allowed).
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"base", "overlays/dev", "overlays/prod", "overlays/gpu", "overlays/prod-gateway"})
    void servicesCallEachOtherWithProjectedTokensTheCalledServiceAccepts(String dir) throws IOException {
        Manifests manifests = rendered(dir);
        assertThat(DeploymentPromises.workloadsWithSecretKey(manifests, "internal-token")).isEmpty();
        Map<String, List<String>> allowed = new java.util.HashMap<>();
        for (String service : RenderedManifestsTest.SERVICES) {
            java.util.Properties properties = new java.util.Properties();
            try (var in = Files.newBufferedReader(Kustomize.MODULE.resolve("../" + service
                    + "/src/main/resources/application.properties"))) {
                properties.load(in);
            }
            String list = properties.getProperty("verity.internal.service-accounts.allowed", "");
            allowed.put(service, list.isBlank() ? List.of() : List.of(list.split("\\s*,\\s*")));
        }
        for (String service : RenderedManifestsTest.SERVICES) {
            var pod = manifests.deployment(service).getSpec().getTemplate().getSpec();
            assertThat(pod.getServiceAccountName()).isEqualTo(service);
            List<io.kubernetes.client.openapi.models.V1ServiceAccountTokenProjection> tokens = pod.getVolumes().stream()
                    .filter(v -> v.getProjected() != null)
                    .flatMap(v -> v.getProjected().getSources().stream())
                    .map(source -> source.getServiceAccountToken()).filter(java.util.Objects::nonNull).toList();
            assertThat(tokens).as("%s calls webhook-service (its outbox relay) at least", service).isNotEmpty();
            for (var token : tokens) {
                assertThat(token.getPath()).isEqualTo(token.getAudience());
                assertThat(allowed.get(token.getAudience())).as("%s allows %s", token.getAudience(), service)
                        .contains(service);
                assertThat(token.getExpirationSeconds()).isLessThanOrEqualTo(3600L);
            }
            assertThat(DeploymentPromises.env(manifests, service))
                    .anyMatch(e -> e.getName().equals("VERITY_SERVICE_TOKEN_DIR"))
                    .anyMatch(e -> e.getName().equals("VERITY_SERVICE_ACCOUNTS_ENABLED") && "true".equals(e.getValue()));
        }
        assertThat(DeploymentPromises.config(manifests).get("service-account-issuer")).startsWith("https://");
    }

    /**
     * The NetworkPolicies admit to each service exactly the callers its ServiceAccount allow-list names (pods mapped to
     * their ServiceAccount), and nothing inside the cluster reaches idv- or ida-service.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"base", "overlays/dev", "overlays/prod", "overlays/gpu", "overlays/prod-gateway"})
    void networkPoliciesAdmitTheCallersTheTokenAllowListsName(String dir) throws IOException {
        Manifests manifests = rendered(dir);
        Map<String, String> serviceAccountOf = new java.util.HashMap<>();
        for (var deployment : manifests.all(V1Deployment.class)) {
            serviceAccountOf.put(deployment.getMetadata().getName(),
                    deployment.getSpec().getTemplate().getSpec().getServiceAccountName());
        }
        Map<String, Set<String>> callers = new java.util.HashMap<>();
        for (var policy : manifests.all(io.kubernetes.client.openapi.models.V1NetworkPolicy.class)) {
            var expressions = policy.getSpec().getPodSelector().getMatchExpressions();
            if (!"verity".equals(policy.getMetadata().getNamespace()) || policy.getSpec().getIngress() == null
                    || expressions == null || expressions.isEmpty()) {
                continue;
            }
            for (var rule : policy.getSpec().getIngress()) {
                for (var peer : java.util.Optional.ofNullable(rule.getFrom()).orElse(List.of())) {
                    if (peer.getPodSelector() == null || peer.getNamespaceSelector() != null) {
                        continue;
                    }
                    assertThat(peer.getPodSelector().getMatchLabels()).as("%s selects callers by name", policy.getMetadata().getName())
                            .isNullOrEmpty();
                    for (String target : expressions.getFirst().getValues()) {
                        for (String caller : peer.getPodSelector().getMatchExpressions().getFirst().getValues()) {
                            callers.computeIfAbsent(target, t -> new java.util.TreeSet<>()).add(serviceAccountOf.get(caller));
                        }
                    }
                }
            }
        }
        for (String service : RenderedManifestsTest.SERVICES) {
            java.util.Properties properties = new java.util.Properties();
            try (var in = Files.newBufferedReader(Kustomize.MODULE.resolve("../" + service
                    + "/src/main/resources/application.properties"))) {
                properties.load(in);
            }
            String list = properties.getProperty("verity.internal.service-accounts.allowed", "");
            Set<String> allowed = list.isBlank() ? Set.of() : Set.of(list.split("\\s*,\\s*"));
            assertThat(callers.getOrDefault(service, Set.of())).as("callers admitted to %s", service).isEqualTo(allowed);
        }
        assertThat(callers.get("identity-matcher")).isEqualTo(callers.get("identity-service"));
    }

    /** Names and tags are set once, in the base: the production overlays render the base's tags, and set none. */
    @Test
    void imageNamesAndTagsAreSetOnceInTheBase() throws IOException {
        String base = Files.readString(Kustomize.MODULE.resolve("base/kustomization.yaml"));
        Matcher entry = Pattern.compile("- name: (verity/[a-z-]+)\\s+newTag: (\\S+)").matcher(base);
        Map<String, String> tags = new java.util.HashMap<>();
        while (entry.find()) {
            tags.put(entry.group(1), entry.group(2));
        }
        assertThat(tags).containsKeys("verity/identity-service", "verity/keycloak", "verity/schema-migrate");

        for (String dir : List.of("overlays/prod", "overlays/gpu", "overlays/prod-gateway")) {
            assertThat(Files.readString(Kustomize.MODULE.resolve(dir + "/kustomization.yaml")))
                    .as(dir).doesNotContain("newTag:").doesNotContain("digest:");
            rendered(dir).workloads().stream().flatMap(w -> w.containers().stream()).map(V1Container::getImage)
                    .filter(image -> image.startsWith("verity/"))
                    .forEach(image -> {
                        String name = image.substring(0, image.lastIndexOf(':')).replace("-gpu", "");
                        assertThat(image).as(dir).endsWith(":" + tags.get(name));
                    });
        }
    }

    /** Every service builds its image with Jib under the name the manifests use: verity/<service>. */
    @Test
    void everyServiceBuildsItsImageWithJibUnderTheNameTheManifestsUse() throws IOException {
        String platform = Files.readString(Kustomize.MODULE.resolve(
                "../libs/platform/src/main/resources/META-INF/microprofile-config.properties"));
        assertThat(platform).contains("quarkus.container-image.group=verity");
        for (String service : RenderedManifestsTest.SERVICES) {
            assertThat(Files.readString(Kustomize.MODULE.resolve("../" + service + "/pom.xml")))
                    .as(service).contains("<artifactId>quarkus-container-image-jib</artifactId>");
            java.util.Properties properties = new java.util.Properties();
            try (var in = Files.newBufferedReader(Kustomize.MODULE.resolve("../" + service
                    + "/src/main/resources/application.properties"))) {
                properties.load(in);
            }
            assertThat(properties.getProperty("quarkus.application.name")).isEqualTo(service);
            assertThat(rendered("base").deployment(service).getSpec().getTemplate().getSpec().getContainers()
                    .getFirst().getImage()).startsWith("verity/" + service + ":");
        }
    }

    private static <T> java.util.stream.Collector<T, ?, T> onlyOne() {
        return java.util.stream.Collectors.collectingAndThen(java.util.stream.Collectors.toList(), list -> {
            assertThat(list).hasSize(1);
            return list.getFirst();
        });
    }
}
