package io.verity.k8s;

import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.custom.IntOrString;
import io.kubernetes.client.custom.Quantity;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1ContainerPort;
import io.kubernetes.client.openapi.models.V1EnvVar;
import io.kubernetes.client.openapi.models.V1HTTPIngressPath;
import io.kubernetes.client.openapi.models.V1Ingress;
import io.kubernetes.client.openapi.models.V1IngressRule;
import io.kubernetes.client.openapi.models.V1IPBlock;
import io.kubernetes.client.openapi.models.V1Namespace;
import io.kubernetes.client.openapi.models.V1NetworkPolicy;
import io.kubernetes.client.openapi.models.V1NetworkPolicyEgressRule;
import io.kubernetes.client.openapi.models.V1NetworkPolicyPeer;
import io.kubernetes.client.openapi.models.V1PodSecurityContext;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1Probe;
import io.kubernetes.client.openapi.models.V1ResourceRequirements;
import io.kubernetes.client.openapi.models.V1Secret;
import io.kubernetes.client.openapi.models.V1SecurityContext;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1ServicePort;
import io.verity.k8s.Manifests.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Verity's rules for what may be deployed (see ../README.md). {@link #check} returns every violation found,
 * each as "Kind/name: what is wrong", so that one run reports them all.
 */
final class ManifestRules {

    static final String NAMESPACE = "verity";
    /** PostgreSQL's namespace (data/): CloudNativePG's Cluster in prod, the StatefulSet in dev. */
    static final String DATA_NAMESPACE = "verity-data";
    static final Set<String> NAMESPACES = Set.of(NAMESPACE, DATA_NAMESPACE);
    static final List<String> LABELS =
            List.of("app.kubernetes.io/name", "app.kubernetes.io/part-of", "app.kubernetes.io/component");
    static final String DJL_OFFLINE = "-Dai.djl.offline=true";
    /** Environment variables by these names carry credentials: only ever from a Secret. */
    static final Pattern CREDENTIAL_NAME = Pattern.compile("PASSWORD|TOKEN|KEY|SECRET");
    /** ...unless they name where credentials are (a mounted directory or file), not the credential. */
    static final Pattern LOCATION_NAME = Pattern.compile("_(DIR|FILE|PATH|CERTS)$");
    /** Ranges that an egress rule to "the internet" must keep closed; link-local holds cloud metadata. */
    static final Set<String> CLOSED_RANGES =
            Set.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "169.254.0.0/16");
    static final int MIN_STARTUP_BUDGET_SECONDS = 60;

    private final Manifests manifests;
    private final List<String> violations = new ArrayList<>();

    private ManifestRules(Manifests manifests) {
        this.manifests = manifests;
    }

    static List<String> check(Manifests manifests) {
        ManifestRules rules = new ManifestRules(manifests);
        rules.checkAll();
        return List.copyOf(rules.violations);
    }

    private void checkAll() {
        for (KubernetesObject object : manifests.objects()) {
            checkMetadata(object);
            switch (object) {
                case V1Secret secret -> checkSecret(secret);
                case V1ConfigMap configMap -> checkConfigMap(configMap);
                case V1Ingress ingress -> checkIngress(ingress);
                case V1Service service -> checkService(service);
                case V1NetworkPolicy policy -> checkNetworkPolicy(policy);
                default -> {
                }
            }
        }
        for (Workload workload : manifests.workloads()) {
            checkWorkload(workload);
        }
        boolean defaultDeny = manifests.all(V1NetworkPolicy.class).stream().anyMatch(p ->
                isEmpty(p.getSpec().getPodSelector().getMatchLabels())
                        && isEmpty(p.getSpec().getPodSelector().getMatchExpressions())
                        && isEmpty(p.getSpec().getIngress()) && isEmpty(p.getSpec().getEgress())
                        && p.getSpec().getPolicyTypes().containsAll(List.of("Ingress", "Egress")));
        if (!defaultDeny) {
            violations.add("NetworkPolicy: none denies all ingress and egress by default");
        }
    }

    private void checkMetadata(KubernetesObject object) {
        Map<String, String> labels = object.getMetadata().getLabels();
        for (String label : LABELS) {
            if (labels == null || isBlank(labels.get(label))) {
                violation(object, "no label " + label);
            }
        }
        if (labels != null && labels.containsKey(LABELS.get(1)) && !"verity".equals(labels.get(LABELS.get(1)))) {
            violation(object, LABELS.get(1) + " is not verity");
        }
        String namespace = object.getMetadata().getNamespace();
        if (!(object instanceof V1Namespace) && (namespace == null || !NAMESPACES.contains(namespace))) {
            violation(object, "namespace is " + namespace + ", not " + NAMESPACE);
        }
    }

    private void checkSecret(V1Secret secret) {
        if (!isEmpty(secret.getData()) || !isEmpty(secret.getStringData())) {
            violation(secret, "a Secret with data in a manifest: create it in the cluster, reference it here");
        }
    }

    private void checkConfigMap(V1ConfigMap configMap) {
        if (configMap.getData() != null) {
            configMap.getData().keySet().stream()
                    .filter(key -> Pattern.compile("password|token|secret").matcher(key.toLowerCase()).find())
                    .forEach(key -> violation(configMap, "key " + key + " looks like a credential: use a Secret"));
        }
    }

    private void checkIngress(V1Ingress ingress) {
        if (ingress.getSpec().getDefaultBackend() != null) {
            violation(ingress, "a default backend would route /internal/");
        }
        for (V1IngressRule rule : Optional.ofNullable(ingress.getSpec().getRules()).orElse(List.of())) {
            if (rule.getHttp() == null) {
                continue;
            }
            for (V1HTTPIngressPath path : rule.getHttp().getPaths()) {
                String p = Objects.requireNonNullElse(path.getPath(), "/");
                if (p.equals("/") || p.isEmpty()) {
                    violation(ingress, "path '" + p + "' routes everything, /internal/ included");
                }
                if (p.startsWith("/internal") || p.contains("/internal/")) {
                    violation(ingress, "path " + p + " routes an internal endpoint");
                }
                var backend = path.getBackend().getService();
                if (backend == null) {
                    violation(ingress, "path " + p + " has no Service backend");
                    continue;
                }
                Optional<V1Service> service = manifests.find(V1Service.class, backend.getName());
                String port = backend.getPort().getName() != null ? backend.getPort().getName()
                        : String.valueOf(backend.getPort().getNumber());
                if (service.isEmpty()) {
                    violation(ingress, "path " + p + " routes to Service " + backend.getName() + ", which is not here");
                } else if (service.get().getSpec().getPorts().stream().noneMatch(sp ->
                        port.equals(sp.getName()) || port.equals(String.valueOf(sp.getPort())))) {
                    violation(ingress, "path " + p + " routes to port " + port + ", which Service "
                            + backend.getName() + " does not have");
                }
            }
        }
    }

    private void checkService(V1Service service) {
        Map<String, String> selector = service.getSpec().getSelector();
        Optional<Workload> target = manifests.workloads().stream()
                .filter(w -> w.serves() && selects(selector, w.template().getMetadata().getLabels()))
                .findFirst();
        if (isEmpty(selector) || target.isEmpty()) {
            violation(service, "selects no Deployment's or StatefulSet's pods");
            return;
        }
        for (V1ServicePort port : service.getSpec().getPorts()) {
            if (!hasPort(target.get(), port.getTargetPort())) {
                violation(service, "targetPort " + port.getTargetPort() + " is not a port of " + target.get().id());
            }
        }
    }

    private void checkNetworkPolicy(V1NetworkPolicy policy) {
        for (V1NetworkPolicyEgressRule rule : Optional.ofNullable(policy.getSpec().getEgress()).orElse(List.of())) {
            for (V1NetworkPolicyPeer peer : Optional.ofNullable(rule.getTo()).orElse(List.of())) {
                V1IPBlock block = peer.getIpBlock();
                if (block != null && block.getCidr().equals("0.0.0.0/0")
                        && (block.getExcept() == null || !block.getExcept().containsAll(CLOSED_RANGES))) {
                    violation(policy, "egress to 0.0.0.0/0 must except " + CLOSED_RANGES);
                }
            }
        }
    }

    private void checkWorkload(Workload workload) {
        Map<String, String> podLabels = workload.template().getMetadata().getLabels();
        for (String label : LABELS) {
            if (podLabels == null || isBlank(podLabels.get(label))) {
                violations.add(workload.id() + ": pods have no label " + label + " (NetworkPolicies select on them)");
            }
        }
        V1PodSpec pod = workload.template().getSpec();
        if (!Boolean.FALSE.equals(pod.getAutomountServiceAccountToken())) {
            violations.add(workload.id() + ": automountServiceAccountToken is not false");
        }
        V1PodSecurityContext podSecurity = pod.getSecurityContext();
        for (V1Container container : workload.containers()) {
            String id = workload.id() + " container " + container.getName();
            checkResources(id, container.getResources());
            checkSecurity(id, podSecurity, container.getSecurityContext());
            checkCredentials(id, container);
            if (workload.isThirdParty()) {
                // Keycloak and PostgreSQL: their own images, probes and settings; still pinned and probed.
                checkPinned(id, container.getImage());
                if (workload.serves() && (container.getReadinessProbe() == null || container.getLivenessProbe() == null)) {
                    violations.add(id + ": no readinessProbe and livenessProbe");
                }
                continue;
            }
            checkImage(id, container.getImage());
            checkEnv(id, workload, container);
            if (workload.isDeployment()) {
                checkProbes(id, workload, container);
            }
        }
    }

    private void checkImage(String id, String image) {
        if (image == null || !image.startsWith("verity/")) {
            violations.add(id + ": image " + image + " is not a verity/ image");
        } else {
            checkPinned(id, image);
        }
    }

    private void checkPinned(String id, String image) {
        String lastPart = image == null ? "" : image.substring(image.lastIndexOf('/') + 1);
        if (!lastPart.contains(":") && !image.contains("@") || image.endsWith(":latest")) {
            violations.add(id + ": image " + image + " has no pinned tag");
        }
    }

    private void checkResources(String id, V1ResourceRequirements resources) {
        for (String kind : List.of("requests", "limits")) {
            Map<String, Quantity> values = resources == null ? null
                    : kind.equals("requests") ? resources.getRequests() : resources.getLimits();
            for (String resource : List.of("cpu", "memory")) {
                if (values == null || values.get(resource) == null) {
                    violations.add(id + ": no " + resource + " in resources." + kind);
                }
            }
        }
    }

    private void checkSecurity(String id, V1PodSecurityContext pod, V1SecurityContext container) {
        V1SecurityContext c = container == null ? new V1SecurityContext() : container;
        V1PodSecurityContext p = pod == null ? new V1PodSecurityContext() : pod;
        boolean nonRoot = c.getRunAsNonRoot() != null ? c.getRunAsNonRoot() : Boolean.TRUE.equals(p.getRunAsNonRoot());
        if (!nonRoot) {
            violations.add(id + ": runAsNonRoot is not true");
        }
        if (Boolean.TRUE.equals(c.getPrivileged())) {
            violations.add(id + ": privileged");
        }
        if (!Boolean.FALSE.equals(c.getAllowPrivilegeEscalation())) {
            violations.add(id + ": allowPrivilegeEscalation is not false");
        }
        if (!Boolean.TRUE.equals(c.getReadOnlyRootFilesystem())) {
            violations.add(id + ": readOnlyRootFilesystem is not true");
        }
        if (c.getCapabilities() == null || c.getCapabilities().getDrop() == null
                || !c.getCapabilities().getDrop().contains("ALL")) {
            violations.add(id + ": capabilities do not drop ALL");
        }
        var seccomp = c.getSeccompProfile() != null ? c.getSeccompProfile() : p.getSeccompProfile();
        if (seccomp == null || !"RuntimeDefault".equals(seccomp.getType())) {
            violations.add(id + ": seccomp profile is not RuntimeDefault");
        }
    }

    private void checkEnv(String id, Workload workload, V1Container container) {
        if (!Manifests.env(container, "OPT_OUT_TRACKING").map(V1EnvVar::getValue).filter("true"::equals).isPresent()) {
            violations.add(id + ": OPT_OUT_TRACKING is not \"true\" (DJL telemetry)");
        }
        // JAVA_OPTS for the images' run script; JAVA_TOOL_OPTIONS for any JVM, whatever its entrypoint.
        List<String> options = workload.isDeployment()
                ? List.of("JAVA_OPTS", "JAVA_TOOL_OPTIONS") : List.of("JAVA_TOOL_OPTIONS");
        for (String name : options) {
            if (!Manifests.env(container, name).map(V1EnvVar::getValue).filter(v -> v.contains(DJL_OFFLINE)).isPresent()) {
                violations.add(id + ": " + name + " does not contain " + DJL_OFFLINE + " (DJL telemetry)");
            }
        }
    }

    private void checkCredentials(String id, V1Container container) {
        for (V1EnvVar env : Optional.ofNullable(container.getEnv()).orElse(List.of())) {
            if (CREDENTIAL_NAME.matcher(env.getName().toUpperCase()).find() && !LOCATION_NAME.matcher(env.getName()).find()
                    && (env.getValue() != null || env.getValueFrom() == null)) {
                violations.add(id + ": " + env.getName() + " has a literal value: it must come from a Secret (valueFrom)");
            }
            var configMapRef = env.getValueFrom() == null ? null : env.getValueFrom().getConfigMapKeyRef();
            if (configMapRef != null && !Boolean.TRUE.equals(configMapRef.getOptional())) {
                boolean present = manifests.find(V1ConfigMap.class, configMapRef.getName())
                        .map(cm -> cm.getData() != null && cm.getData().containsKey(configMapRef.getKey()))
                        .orElse(false);
                if (!present) {
                    violations.add(id + ": " + env.getName() + " reads ConfigMap " + configMapRef.getName()
                            + " key " + configMapRef.getKey() + ", which is not in the manifests");
                }
            }
        }
    }

    private void checkProbes(String id, Workload workload, V1Container container) {
        checkHttpProbe(id, workload, "readinessProbe", container.getReadinessProbe(), "/q/health/ready");
        checkHttpProbe(id, workload, "livenessProbe", container.getLivenessProbe(), "/q/health/live");
        V1Probe startup = container.getStartupProbe();
        if (startup == null) {
            violations.add(id + ": no startupProbe (a JVM start would trip the liveness probe)");
            return;
        }
        int budget = orDefault(startup.getInitialDelaySeconds(), 0)
                + orDefault(startup.getPeriodSeconds(), 10) * orDefault(startup.getFailureThreshold(), 3);
        if (budget < MIN_STARTUP_BUDGET_SECONDS) {
            violations.add(id + ": startupProbe allows " + budget + " s, less than " + MIN_STARTUP_BUDGET_SECONDS);
        }
    }

    private void checkHttpProbe(String id, Workload workload, String name, V1Probe probe, String path) {
        if (probe == null || probe.getHttpGet() == null) {
            violations.add(id + ": no HTTP " + name);
        } else if (!path.equals(probe.getHttpGet().getPath())) {
            violations.add(id + ": " + name + " checks " + probe.getHttpGet().getPath() + ", not " + path);
        } else if (!hasPort(workload, probe.getHttpGet().getPort())) {
            violations.add(id + ": " + name + " port " + probe.getHttpGet().getPort() + " is not a container port");
        }
    }

    private static boolean hasPort(Workload workload, IntOrString port) {
        if (port == null) {
            return false;
        }
        return workload.containers().stream()
                .flatMap(c -> Optional.ofNullable(c.getPorts()).orElse(List.of()).stream())
                .anyMatch((V1ContainerPort p) -> port.isInteger()
                        ? port.getIntValue().equals(p.getContainerPort()) : port.getStrValue().equals(p.getName()));
    }

    private static boolean selects(Map<String, String> selector, Map<String, String> labels) {
        return labels != null && !isEmpty(selector) && labels.entrySet().containsAll(selector.entrySet());
    }

    private void violation(KubernetesObject object, String message) {
        violations.add(object.getKind() + "/" + object.getMetadata().getName() + ": " + message);
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    private static boolean isEmpty(Map<?, ?> map) {
        return map == null || map.isEmpty();
    }

    private static boolean isEmpty(List<?> list) {
        return list == null || list.isEmpty();
    }

    private static int orDefault(Integer value, int fallback) {
        return value == null ? fallback : value;
    }
}
