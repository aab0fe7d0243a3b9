package io.verity.k8s;

import io.kubernetes.client.custom.Quantity;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1EnvVar;
import io.kubernetes.client.openapi.models.V1Ingress;
import io.kubernetes.client.openapi.models.V1IngressTLS;
import io.kubernetes.client.openapi.models.V1Secret;
import io.verity.k8s.CustomResources.Certificate;
import io.verity.k8s.CustomResources.Gateway;
import io.verity.k8s.CustomResources.HttpRoute;
import io.verity.k8s.CustomResources.Listener;
import io.verity.k8s.Manifests.Workload;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * What the issue promises of a rendered install, as checks that return their violations (so that a test can show
 * each one fails on a broken manifest): TLS everywhere in production, no literal credential, the GPU only for the
 * matcher, the master key only where biometric data is sealed or opened.
 */
final class DeploymentPromises {

    /** The services that encrypt or decrypt with the master key (BiometricCipher): templates, images, webhook secrets. */
    static final Set<String> MASTER_KEY_USERS =
            Set.of("identity-service", "identity-matcher", "idv-service", "ida-service", "webhook-service");
    static final String GPU = "nvidia.com/gpu";

    private DeploymentPromises() {
    }

    /** Every public host is served over HTTPS with a cert-manager certificate for it, and OIDC is HTTPS. */
    static List<String> tls(Manifests manifests) {
        List<String> violations = new ArrayList<>();
        Map<String, Certificate> certificates = new java.util.HashMap<>();
        for (Certificate certificate : manifests.custom(Certificate.class)) {
            certificates.put(certificate.spec().secretName(), certificate);
        }
        List<V1Ingress> ingresses = manifests.all(V1Ingress.class);
        List<Gateway> gateways = manifests.custom(Gateway.class);
        if (ingresses.isEmpty() && gateways.isEmpty()) {
            violations.add("neither an Ingress nor a Gateway");
        }
        for (V1Ingress ingress : ingresses) {
            String id = "Ingress/" + ingress.getMetadata().getName();
            List<V1IngressTLS> tls = Optional.ofNullable(ingress.getSpec().getTls()).orElse(List.of());
            if (tls.isEmpty()) {
                violations.add(id + ": no TLS");
            }
            ingress.getSpec().getRules().forEach(rule -> {
                if (rule.getHost() == null) {
                    violations.add(id + ": a rule without a host (TLS needs one)");
                } else if (tls.stream().noneMatch(t -> t.getHosts() != null && t.getHosts().contains(rule.getHost()))) {
                    violations.add(id + ": host " + rule.getHost() + " is not in its TLS section");
                }
            });
            for (V1IngressTLS entry : tls) {
                checkCertificate(violations, id, certificates.get(entry.getSecretName()), entry.getSecretName(),
                        Optional.ofNullable(entry.getHosts()).orElse(List.of()));
            }
        }
        for (Gateway gateway : gateways) {
            String id = "Gateway/" + gateway.metadata().name();
            for (Listener listener : gateway.spec().listeners()) {
                String lid = id + " listener " + listener.name();
                if (listener.protocol() != CustomResources.ListenerProtocol.HTTPS || listener.tls() == null
                        || listener.tls().mode() == CustomResources.TlsMode.Passthrough) {
                    violations.add(lid + ": not HTTPS terminated at the Gateway");
                    continue;
                }
                if (listener.hostname() == null) {
                    violations.add(lid + ": no hostname");
                }
                for (CustomResources.ObjectRef ref : Optional.ofNullable(listener.tls().certificateRefs()).orElse(List.of())) {
                    checkCertificate(violations, lid, certificates.get(ref.name()), ref.name(),
                            listener.hostname() == null ? List.of() : List.of(listener.hostname()));
                }
                if (listener.tls().certificateRefs() == null || listener.tls().certificateRefs().isEmpty()) {
                    violations.add(lid + ": no certificate");
                }
            }
        }
        for (HttpRoute route : manifests.custom(HttpRoute.class)) {
            for (CustomResources.ParentRef parent : route.spec().parentRefs()) {
                Optional<Listener> listener = gateways.stream().filter(g -> g.metadata().name().equals(parent.name()))
                        .flatMap(g -> g.spec().listeners().stream())
                        .filter(l -> l.name().equals(parent.sectionName())).findFirst();
                if (listener.isEmpty()) {
                    violations.add("HTTPRoute/" + route.metadata().name() + ": parent " + parent.name() + "/"
                            + parent.sectionName() + " is not a listener here");
                } else if (!route.spec().hostnames().equals(List.of(listener.get().hostname()))) {
                    violations.add("HTTPRoute/" + route.metadata().name() + ": hostnames " + route.spec().hostnames()
                            + " are not its listener's " + listener.get().hostname());
                }
            }
        }
        Map<String, String> config = config(manifests);
        for (String key : List.of("oidc-url", "keycloak-hostname")) {
            String url = config.get(key);
            if (url == null || !url.startsWith("https://")) {
                violations.add("verity-config " + key + " is not an https:// URL: " + url);
            }
        }
        String authHost = config.get("keycloak-hostname") == null ? null : URI.create(config.get("keycloak-hostname")).getHost();
        String oidcHost = config.get("oidc-url") == null ? null : URI.create(config.get("oidc-url")).getHost();
        if (!Objects.equals(authHost, oidcHost)) {
            violations.add("verity-config oidc-url's host " + oidcHost + " is not keycloak-hostname's " + authHost);
        }
        boolean authServed = certificates.values().stream().anyMatch(c -> c.spec().dnsNames().contains(authHost));
        if (!authServed) {
            violations.add("no certificate for Keycloak's host " + authHost);
        }
        return violations;
    }

    private static void checkCertificate(List<String> violations, String id, Certificate certificate, String secret,
            List<String> hosts) {
        if (certificate == null) {
            violations.add(id + ": TLS Secret " + secret + " is not written by any cert-manager Certificate");
        } else if (!certificate.spec().dnsNames().containsAll(hosts)) {
            violations.add(id + ": Certificate/" + certificate.metadata().name() + " does not cover " + hosts);
        } else if (certificate.spec().issuerRef() == null || certificate.spec().issuerRef().name() == null) {
            violations.add(id + ": Certificate/" + certificate.metadata().name() + " names no issuer");
        }
    }

    /** No Secret objects at all (the operator creates them), and the realm holds no client secret or password. */
    static List<String> noLiteralCredentials(Manifests manifests) {
        List<String> violations = new ArrayList<>();
        manifests.all(V1Secret.class).forEach(s -> violations.add("Secret/" + s.getMetadata().getName()
                + ": Secrets are created in the cluster, not shipped in the manifests"));
        for (V1ConfigMap configMap : manifests.all(V1ConfigMap.class)) {
            Optional.ofNullable(configMap.getData()).orElse(Map.of()).forEach((key, value) -> {
                if (value.matches("(?s).*\"(secret|password|credentials|value)\"\\s*:.*")) {
                    violations.add("ConfigMap/" + configMap.getMetadata().getName() + " " + key
                            + ": holds a secret, password or credential value");
                }
            });
        }
        return violations;
    }

    /** The ids ("Deployment/x") of the workloads whose containers ask for a GPU. */
    static Set<String> gpuWorkloads(Manifests manifests) {
        Set<String> ids = new TreeSet<>();
        for (Workload workload : manifests.workloads()) {
            for (V1Container container : workload.containers()) {
                var resources = container.getResources();
                Map<String, Quantity> requests = resources == null ? null : resources.getRequests();
                Map<String, Quantity> limits = resources == null ? null : resources.getLimits();
                if (requests != null && requests.containsKey(GPU) || limits != null && limits.containsKey(GPU)) {
                    ids.add(workload.id());
                }
            }
        }
        return ids;
    }

    /** The workloads (by their app.kubernetes.io/name) that get a Secret key, e.g. "master-key". */
    static Set<String> workloadsWithSecretKey(Manifests manifests, String secretKey) {
        Set<String> names = new TreeSet<>();
        for (Workload workload : manifests.workloads()) {
            boolean uses = workload.containers().stream()
                    .flatMap(c -> Optional.ofNullable(c.getEnv()).orElse(List.of()).stream())
                    .map(V1EnvVar::getValueFrom).filter(Objects::nonNull)
                    .anyMatch(from -> from.getSecretKeyRef() != null && secretKey.equals(from.getSecretKeyRef().getKey()));
            boolean mounted = Optional.ofNullable(workload.template().getSpec().getVolumes()).orElse(List.of()).stream()
                    .anyMatch(v -> v.getSecret() != null || v.getProjected() != null && v.getProjected().getSources()
                            .stream().anyMatch(s -> s.getSecret() != null));
            if (uses || mounted) {
                names.add(workload.template().getMetadata().getLabels().get("app.kubernetes.io/name"));
            }
        }
        return names;
    }

    /** verity-config's data (its generated name has a hash suffix). */
    static Map<String, String> config(Manifests manifests) {
        return manifests.all(V1ConfigMap.class).stream()
                .filter(c -> c.getMetadata().getName().startsWith("verity-config"))
                .findFirst().map(V1ConfigMap::getData).orElse(Map.of());
    }

    static Stream<V1EnvVar> env(Manifests manifests, String deployment) {
        return manifests.deployment(deployment).getSpec().getTemplate().getSpec().getContainers().stream()
                .flatMap(c -> Optional.ofNullable(c.getEnv()).orElse(List.of()).stream());
    }
}
