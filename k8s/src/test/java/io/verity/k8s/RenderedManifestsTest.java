package io.verity.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubernetes.client.custom.Quantity;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1EnvVar;
import io.kubernetes.client.openapi.models.V1Job;
import io.kubernetes.client.openapi.models.V1NetworkPolicy;
import io.kubernetes.client.openapi.models.V1PodDisruptionBudget;
import io.kubernetes.client.openapi.models.V1Toleration;
import io.kubernetes.client.openapi.models.V2HorizontalPodAutoscaler;
import io.verity.k8s.Manifests.Workload;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Renders the base and every overlay with {@code kubectl kustomize} and holds what comes out to the rules. */
class RenderedManifestsTest {

    static final List<String> SERVICES =
            List.of("identity-service", "idv-service", "ida-service", "weights-service", "webhook-service");

    static Manifests rendered(String dir) {
        return Manifests.parse(Kustomize.render(dir));
    }

    /** Every directory an operator may apply; a new overlay must be added here to be checked. */
    static final List<String> RENDERS = List.of("base", "overlays/dev", "overlays/prod", "overlays/gpu",
            "overlays/prod-gateway");
    /** The production overlays: TLS, CloudNativePG with backups, the object store. */
    static final List<String> PRODUCTION = List.of("overlays/prod", "overlays/gpu", "overlays/prod-gateway");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"base", "overlays/dev", "overlays/prod", "overlays/gpu", "overlays/prod-gateway"})
    void everyRenderParsesStrictlyAndFollowsTheRules(String dir) {
        Manifests manifests = rendered(dir);

        assertThat(ManifestRules.check(manifests)).as("violations in %s", dir).isEmpty();
        assertThat(manifests.all(V1Deployment.class)).extracting(d -> d.getMetadata().getName())
                .containsExactlyInAnyOrderElementsOf(Stream.concat(SERVICES.stream(),
                        Stream.of("identity-matcher", "keycloak")).toList());
        assertThat(manifests.find(V1Job.class, "schema-migrate")).as("the schema migration Job").isPresent();
    }

    @Test
    void everyOverlayDirectoryIsChecked() throws IOException {
        try (Stream<java.nio.file.Path> dirs = Files.list(Kustomize.MODULE.resolve("overlays"))) {
            assertThat(dirs.map(d -> "overlays/" + d.getFileName())).allMatch(RENDERS::contains);
        }
    }

    @Test
    void prodRunsTwoOrMoreReplicasOfEveryServiceEachWithADisruptionBudget() {
        Manifests prod = rendered("overlays/prod");

        for (String service : SERVICES) {
            V1Deployment deployment = prod.deployment(service);
            assertThat(prod.minimumReplicas(deployment)).as("fewest replicas of %s", service).isGreaterThanOrEqualTo(2);
            Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
            assertThat(prod.all(V1PodDisruptionBudget.class))
                    .as("a PodDisruptionBudget for %s", service)
                    .anyMatch(pdb -> podLabels.entrySet().containsAll(pdb.getSpec().getSelector().getMatchLabels().entrySet()));
        }
    }

    @Test
    void prodAutoscalesTheMatcherAndIdvAndLeavesTheirReplicaCountToTheAutoscaler() {
        Manifests prod = rendered("overlays/prod");

        assertThat(prod.all(V2HorizontalPodAutoscaler.class))
                .extracting(h -> h.getSpec().getScaleTargetRef().getName())
                .containsExactlyInAnyOrder("identity-service", "identity-matcher", "idv-service");
        assertThat(prod.deployment("identity-service").getSpec().getReplicas()).isNull();
        assertThat(prod.deployment("identity-matcher").getSpec().getReplicas()).isNull();
        assertThat(prod.deployment("idv-service").getSpec().getReplicas()).isNull();
    }

    @Test
    void devRunsOneReplicaOfEachServiceFromDevImages() {
        Manifests dev = rendered("overlays/dev");

        for (String service : SERVICES) {
            assertThat(dev.deployment(service).getSpec().getReplicas()).as(service).isEqualTo(1);
        }
        assertThat(dev.deployment("keycloak").getSpec().getReplicas()).isEqualTo(1);
        assertThat(dev.workloads()).filteredOn(w -> !w.isThirdParty() || w.id().equals("Deployment/keycloak"))
                .flatExtracting(Workload::containers).extracting(V1Container::getImage)
                .allMatch(image -> image.endsWith(":dev"));
        assertThat(dev.find(V1ConfigMap.class, "verity-config")).isEmpty(); // generated: a hash suffix
        assertThat(dev.all(V1ConfigMap.class)).filteredOn(c -> c.getMetadata().getName().startsWith("verity-config-"))
                .singleElement()
                .satisfies(config -> assertThat(config.getData()).containsEntry("environment", "dev"));
    }

    @Test
    void gpuOverlayRunsTheCudaMatcherOnAGpuNodeAndNothingElseThere() {
        Manifests gpu = rendered("overlays/gpu");

        V1Deployment matcher = gpu.deployment("identity-matcher");
        V1Container container = matcher.getSpec().getTemplate().getSpec().getContainers().getFirst();
        assertThat(container.getImage()).isEqualTo("verity/identity-service-gpu:"
                + rendered("base").deployment("identity-service").getSpec().getTemplate().getSpec().getContainers()
                        .getFirst().getImage().split(":")[1]);
        assertThat(container.getResources().getLimits()).containsEntry("nvidia.com/gpu", new Quantity("1"));
        assertThat(Manifests.env(container, "VERITY_FACE_EXECUTION_PROVIDER")).map(V1EnvVar::getValue).hasValue("cuda");
        assertThat(Manifests.env(container, "VERITY_IDENTITY_ROLE")).map(V1EnvVar::getValue).hasValue("matcher");
        assertThat(matcher.getSpec().getTemplate().getSpec().getTolerations()).extracting(V1Toleration::getKey)
                .contains("nvidia.com/gpu");
        assertThat(matcher.getSpec().getTemplate().getSpec().getNodeSelector()).isNotEmpty();
        assertThat(gpu.all(V2HorizontalPodAutoscaler.class)).filteredOn(h -> h.getSpec().getScaleTargetRef().getName()
                .equals("identity-matcher")).singleElement().satisfies(h -> assertThat(h.getSpec().getMaxReplicas()).isEqualTo(4));

        // identity-service's public API stays on ordinary nodes, on the CPU image
        V1Deployment api = gpu.deployment("identity-service");
        assertThat(api.getSpec().getTemplate().getSpec().getNodeSelector()).isNullOrEmpty();
        assertThat(api.getSpec().getTemplate().getSpec().getContainers().getFirst().getImage())
                .startsWith("verity/identity-service:");
        // idv- and ida-service call the matcher Deployment
        for (String caller : List.of("idv-service", "ida-service")) {
            assertThat(Manifests.env(gpu.deployment(caller).getSpec().getTemplate().getSpec().getContainers().getFirst(),
                    "VERITY_MATCHER_URL")).map(V1EnvVar::getValue).hasValue("http://identity-matcher:8081");
        }
    }

    @Test
    void onlyIdentityAndWebhookServiceMayReachTheInternetAndIdvAndIdaTheObjectStoreOverHttps() {
        List<V1NetworkPolicy> withAddressBlocks = rendered("overlays/gpu").all(V1NetworkPolicy.class).stream()
                .filter(p -> p.getSpec().getEgress() != null && p.getSpec().getEgress().stream()
                        .flatMap(rule -> rule.getTo() == null ? Stream.empty() : rule.getTo().stream())
                        .anyMatch(peer -> peer.getIpBlock() != null))
                .toList();

        assertThat(withAddressBlocks).extracting(p -> p.getMetadata().getName())
                .containsExactlyInAnyOrder("allow-egress-internet", "allow-egress-object-store");
        for (V1NetworkPolicy policy : withAddressBlocks) {
            boolean internet = policy.getMetadata().getName().equals("allow-egress-internet");
            assertThat(policy.getSpec().getPodSelector().getMatchLabels()).isNullOrEmpty();
            assertThat(policy.getSpec().getPodSelector().getMatchExpressions()).singleElement().satisfies(e -> {
                assertThat(e.getKey()).isEqualTo("app.kubernetes.io/name");
                assertThat(e.getOperator()).isEqualTo("In");
                assertThat(e.getValues()).containsExactlyInAnyOrderElementsOf(internet
                        ? List.of("identity-service", "webhook-service") : List.of("idv-service", "ida-service"));
            });
            if (!internet) {
                assertThat(policy.getSpec().getEgress()).flatExtracting(r -> r.getPorts())
                        .singleElement().satisfies(port -> assertThat(port.getPort().getIntValue()).isEqualTo(443));
            }
        }
        assertThat(rendered("overlays/dev").find(V1NetworkPolicy.class, "allow-egress-object-store")).isEmpty();
    }

    /** The guide's kustomize commands work: every directory it renders or applies is one the tests render. */
    @Test
    void everyKustomizeCommandOfTheReadmeRenders() throws IOException {
        String readme = Files.readString(Kustomize.MODULE.resolve("README.md"));
        java.util.regex.Matcher command = java.util.regex.Pattern
                .compile("kubectl (?:kustomize|apply -k) k8s/(\\S+)").matcher(readme);
        List<String> dirs = new java.util.ArrayList<>();
        while (command.find()) {
            dirs.add(command.group(1));
        }
        assertThat(dirs).contains("overlays/prod", "overlays/gpu", "overlays/prod-gateway");
        for (String dir : dirs) {
            assertThat(RENDERS).as("README renders k8s/%s", dir).contains(dir);
            assertThat(ManifestRules.check(rendered(dir))).as(dir).isEmpty();
        }
    }

    @Test
    void readmeNamesEverySecretAndKeyTheManifestsReference() throws IOException {
        String readme = Files.readString(Kustomize.MODULE.resolve("README.md"));

        List<String> references = RENDERS.stream().flatMap(dir -> rendered(dir).workloads().stream())
                .flatMap(w -> w.containers().stream())
                .flatMap(c -> c.getEnv().stream())
                .filter(e -> e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null)
                .map(e -> e.getValueFrom().getSecretKeyRef().getName() + " " + e.getValueFrom().getSecretKeyRef().getKey())
                .distinct()
                .toList();

        assertThat(references).hasSizeGreaterThanOrEqualTo(3);
        for (String reference : references) {
            String[] secretAndKey = reference.split(" ");
            assertThat(readme.lines())
                    .as("a line of the README that names Secret %s and its key %s", secretAndKey[0], secretAndKey[1])
                    .anyMatch(line -> line.contains("`" + secretAndKey[0] + "`") && line.contains("`" + secretAndKey[1] + "`"));
        }
    }
}
