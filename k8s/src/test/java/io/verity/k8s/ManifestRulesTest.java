package io.verity.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1EnvVar;
import io.kubernetes.client.openapi.models.V1Ingress;
import io.kubernetes.client.openapi.models.V1NetworkPolicy;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Secret;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The checker fails where it should: on a bad manifest string, and on the real base with one thing broken. */
class ManifestRulesTest {

    static final String BAD_DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: matcher
              namespace: default
              labels:
                app.kubernetes.io/name: matcher
            spec:
              selector:
                matchLabels:
                  app: matcher
              template:
                metadata:
                  labels:
                    app: matcher
                spec:
                  containers:
                    - name: matcher
                      image: nginx:latest
                      env:
                        - name: VERITY_DB_PASSWORD
                          value: hunter2
                        - name: JAVA_OPTS
                          value: -Xmx1g
                      securityContext:
                        privileged: true
            ---
            apiVersion: v1
            kind: Secret
            metadata:
              name: verity-secrets
            stringData:
              master-key: not-in-git
            """;

    @Test
    void aBadManifestStringIsReportedOnEveryCount() {
        List<String> violations = ManifestRules.check(Manifests.parse(BAD_DEPLOYMENT));

        assertThat(violations).contains(
                "Deployment/matcher: no label app.kubernetes.io/part-of",
                "Deployment/matcher: no label app.kubernetes.io/component",
                "Deployment/matcher: namespace is default, not verity",
                "Deployment/matcher: automountServiceAccountToken is not false",
                "Deployment/matcher container matcher: image nginx:latest is not a verity/ image",
                "Deployment/matcher container matcher: no cpu in resources.requests",
                "Deployment/matcher container matcher: no memory in resources.limits",
                "Deployment/matcher container matcher: runAsNonRoot is not true",
                "Deployment/matcher container matcher: privileged",
                "Deployment/matcher container matcher: OPT_OUT_TRACKING is not \"true\" (DJL telemetry)",
                "Deployment/matcher container matcher: JAVA_OPTS does not contain -Dai.djl.offline=true (DJL telemetry)",
                "Deployment/matcher container matcher: VERITY_DB_PASSWORD has a literal value: it must come from a Secret (valueFrom)",
                "Deployment/matcher container matcher: no HTTP readinessProbe",
                "Deployment/matcher container matcher: no HTTP livenessProbe",
                "Secret/verity-secrets: a Secret with data in a manifest: create it in the cluster, reference it here",
                "NetworkPolicy: none denies all ingress and egress by default");
    }

    @Test
    void parsingIsStrictAboutFieldsTypesAndKinds() {
        assertThatThrownBy(() -> Manifests.parse("""
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: x
                spec:
                  replica: 2
                """)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("replica");
        assertThatThrownBy(() -> Manifests.parse("""
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: x
                spec:
                  replicas: two
                """)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two");
        assertThatThrownBy(() -> Manifests.parse("""
                apiVersion: example.com/v1
                kind: Widget
                metadata:
                  name: x
                """)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot validate strictly");
    }

    @Test
    void theRealBaseIsCleanUntilOneThingIsBroken() {
        assertThat(ManifestRules.check(base())).isEmpty();
    }

    @Test
    void aLiteralCredentialInTheRealBaseIsReported() {
        Manifests base = base();
        V1EnvVar masterKey = Manifests.env(matcher(base), "VERITY_MASTER_KEY").orElseThrow();
        masterKey.valueFrom(null).value("0123456789abcdef");

        assertThat(ManifestRules.check(base)).containsExactly("Deployment/identity-service container identity-service:"
                + " VERITY_MASTER_KEY has a literal value: it must come from a Secret (valueFrom)");
    }

    @Test
    void djlTelemetrySwitchedBackOnInTheRealBaseIsReported() {
        Manifests base = base();
        Manifests.env(matcher(base), "JAVA_TOOL_OPTIONS").orElseThrow().value("-Xss1m");
        Manifests.env(matcher(base), "OPT_OUT_TRACKING").orElseThrow().value("false");

        assertThat(ManifestRules.check(base)).containsExactlyInAnyOrder(
                "Deployment/identity-service container identity-service: OPT_OUT_TRACKING is not \"true\" (DJL telemetry)",
                "Deployment/identity-service container identity-service: JAVA_TOOL_OPTIONS does not contain"
                        + " -Dai.djl.offline=true (DJL telemetry)");
    }

    @Test
    void anIngressPathToInternalEndpointsOrACatchAllIsReported() {
        Manifests base = base();
        var paths = base.find(V1Ingress.class, "verity-api").orElseThrow()
                .getSpec().getRules().getFirst().getHttp().getPaths();
        paths.get(0).path("/internal/faces");
        paths.get(1).path("/");

        assertThat(ManifestRules.check(base)).containsExactlyInAnyOrder(
                "Ingress/verity-api: path /internal/faces routes an internal endpoint",
                "Ingress/verity-api: path '/' routes everything, /internal/ included");
    }

    @Test
    void internetEgressThatOpensTheMetadataRangeIsReported() {
        Manifests base = base();
        V1NetworkPolicy internet = base.find(V1NetworkPolicy.class, "allow-egress-internet").orElseThrow();
        internet.getSpec().getEgress().getFirst().getTo().getFirst().getIpBlock().getExcept().remove("169.254.0.0/16");

        assertThat(ManifestRules.check(base)).singleElement().asString()
                .startsWith("NetworkPolicy/allow-egress-internet: egress to 0.0.0.0/0 must except");
    }

    @Test
    void aSecretObjectWithDataAddedToTheRealBaseIsReported() {
        Manifests base = base();
        List<io.kubernetes.client.common.KubernetesObject> objects = new ArrayList<>(base.objects());
        objects.add(new V1Secret().apiVersion("v1").kind("Secret")
                .metadata(new V1ObjectMeta().name("verity-secrets").namespace("verity").labels(Map.of(
                        "app.kubernetes.io/name", "verity", "app.kubernetes.io/part-of", "verity",
                        "app.kubernetes.io/component", "platform")))
                .data(Map.of("internal-token", new byte[] {1, 2, 3})));

        assertThat(ManifestRules.check(new Manifests(objects))).containsExactly(
                "Secret/verity-secrets: a Secret with data in a manifest: create it in the cluster, reference it here");
    }

    /** A fresh parse of the rendered base: each test may change it. */
    private static Manifests base() {
        return Manifests.parse(Kustomize.render("base"));
    }

    private static V1Container matcher(Manifests manifests) {
        return manifests.deployment("identity-service").getSpec().getTemplate().getSpec().getContainers().getFirst();
    }
}
