package io.verity.k8s;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1EnvVar;
import io.kubernetes.client.openapi.models.V1Job;
import io.kubernetes.client.openapi.models.V1PodTemplateSpec;
import io.kubernetes.client.openapi.models.V1StatefulSet;
import io.kubernetes.client.openapi.models.V2HorizontalPodAutoscaler;
import io.kubernetes.client.util.Yaml;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A rendered manifest stream, parsed strictly into client-java's typed models, and custom resources into
 * {@link CustomResources}' strict models ({@code custom}; they are in {@code objects} too, for their metadata).
 */
record Manifests(List<KubernetesObject> objects, List<CustomResources.Resource> custom) {

    Manifests(List<KubernetesObject> objects) {
        this(objects, List.of());
    }

    /**
     * Parses every document with client-java's {@link Yaml#loadAll}, which rejects unknown fields and wrong
     * types. A kind that client-java has no model for would only be read loosely, so it is refused too.
     */
    static Manifests parse(String yaml) {
        // Custom kinds first, into CustomResources' strict models; client-java reads the rest.
        List<CustomResources.Resource> custom = new ArrayList<>();
        List<KubernetesObject> customObjects = new ArrayList<>();
        StringBuilder builtIn = new StringBuilder();
        org.yaml.snakeyaml.Yaml plain = new org.yaml.snakeyaml.Yaml();
        try {
            for (Object document : plain.loadAll(yaml)) {
                if (!(document instanceof Map<?, ?> map)) {
                    continue;
                }
                String id = map.get("apiVersion") + "/" + map.get("kind");
                if (!id.contains(".") || !CustomResources.KINDS.containsKey(id) && isBuiltIn(id)) {
                    builtIn.append("---\n").append(plain.dump(map));
                    continue;
                }
                Class<? extends CustomResources.Resource> model = CustomResources.KINDS.get(id);
                Object name = map.get("metadata") instanceof Map<?, ?> m ? m.get("name") : null;
                if (model == null) {
                    throw new IllegalArgumentException(id + " " + name + ": a kind client-java cannot validate strictly");
                }
                try {
                    custom.add(CustomResources.STRICT.convertValue(map, model));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(id + " " + name + ": " + e.getMessage(), e);
                }
                customObjects.add(new DynamicKubernetesObject(
                        JsonParser.parseString(CustomResources.STRICT.writeValueAsString(map)).getAsJsonObject()));
            }
        } catch (JsonProcessingException | RuntimeException e) {
            if (e instanceof IllegalArgumentException iae) {
                throw iae;
            }
            throw new IllegalArgumentException("not valid Kubernetes YAML: " + e.getMessage(), e);
        }
        List<Object> documents;
        try {
            documents = Yaml.loadAll(builtIn.toString());
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not valid Kubernetes YAML: " + e.getMessage(), e);
        }
        List<KubernetesObject> objects = new ArrayList<>();
        for (Object document : documents) {
            if (document == null) {
                continue;
            }
            if (document instanceof DynamicKubernetesObject dynamic) {
                throw new IllegalArgumentException(dynamic.getApiVersion() + "/" + dynamic.getKind() + " "
                        + dynamic.getMetadata().getName() + ": a kind client-java cannot validate strictly");
            }
            if (!(document instanceof KubernetesObject object)) {
                throw new IllegalArgumentException("not a Kubernetes object: " + document.getClass().getName());
            }
            objects.add(object);
        }
        objects.addAll(customObjects);
        return new Manifests(List.copyOf(objects), List.copyOf(custom));
    }

    /** API groups with a dot are custom unless client-java has a model for them (networking.k8s.io, ...). */
    private static boolean isBuiltIn(String id) {
        String group = id.substring(0, id.indexOf('/'));
        return group.endsWith(".k8s.io") && !group.startsWith("gateway.networking.");
    }

    <T extends CustomResources.Resource> List<T> custom(Class<T> type) {
        return custom.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends KubernetesObject> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends KubernetesObject> Optional<T> find(Class<T> type, String name) {
        return all(type).stream().filter(o -> name.equals(o.getMetadata().getName())).findFirst();
    }

    V1Deployment deployment(String name) {
        return find(V1Deployment.class, name).orElseThrow(() -> new AssertionError("no Deployment " + name));
    }

    /** The fewest replicas a Deployment runs: its autoscaler's minimum, or spec.replicas (1 when unset). */
    int minimumReplicas(V1Deployment deployment) {
        String name = deployment.getMetadata().getName();
        return all(V2HorizontalPodAutoscaler.class).stream()
                .filter(h -> "Deployment".equals(h.getSpec().getScaleTargetRef().getKind())
                        && name.equals(h.getSpec().getScaleTargetRef().getName()))
                .map(h -> h.getSpec().getMinReplicas() == null ? 1 : h.getSpec().getMinReplicas())
                .findFirst()
                .orElse(deployment.getSpec().getReplicas() == null ? 1 : deployment.getSpec().getReplicas());
    }

    /** Every pod template, with the name of the object that owns it ("Deployment/x", "Job/y"). */
    List<Workload> workloads() {
        Stream<Workload> deployments = all(V1Deployment.class).stream()
                .map(d -> new Workload("Deployment/" + d.getMetadata().getName(), d.getSpec().getTemplate()));
        Stream<Workload> statefulSets = all(V1StatefulSet.class).stream()
                .map(s -> new Workload("StatefulSet/" + s.getMetadata().getName(), s.getSpec().getTemplate()));
        Stream<Workload> jobs = all(V1Job.class).stream()
                .map(j -> new Workload("Job/" + j.getMetadata().getName(), j.getSpec().getTemplate()));
        return Stream.of(deployments, statefulSets, jobs).flatMap(w -> w).toList();
    }

    record Workload(String id, V1PodTemplateSpec template) {

        static final Set<String> THIRD_PARTY = Set.of("idp", "database");

        List<V1Container> containers() {
            List<V1Container> all = new ArrayList<>(template.getSpec().getContainers());
            if (template.getSpec().getInitContainers() != null) {
                all.addAll(template.getSpec().getInitContainers());
            }
            return all;
        }

        boolean isDeployment() {
            return id.startsWith("Deployment/");
        }

        /** Not one of Verity's JVM services: Keycloak (idp) and the dev PostgreSQL (database). */
        boolean isThirdParty() {
            Map<String, String> labels = template.getMetadata().getLabels();
            String component = labels == null ? null : labels.get("app.kubernetes.io/component");
            return component != null && THIRD_PARTY.contains(component);
        }

        boolean serves() {
            return !id.startsWith("Job/");
        }
    }

    static Optional<V1EnvVar> env(V1Container container, String name) {
        return container.getEnv() == null ? Optional.empty()
                : container.getEnv().stream().filter(e -> name.equals(e.getName())).findFirst();
    }
}
