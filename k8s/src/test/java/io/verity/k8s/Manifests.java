package io.verity.k8s;

import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1EnvVar;
import io.kubernetes.client.openapi.models.V1Job;
import io.kubernetes.client.openapi.models.V1PodTemplateSpec;
import io.kubernetes.client.openapi.models.V2HorizontalPodAutoscaler;
import io.kubernetes.client.util.Yaml;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesObject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** A rendered manifest stream, parsed strictly into client-java's typed models. */
record Manifests(List<KubernetesObject> objects) {

    /**
     * Parses every document with client-java's {@link Yaml#loadAll}, which rejects unknown fields and wrong
     * types. A kind that client-java has no model for would only be read loosely, so it is refused too.
     */
    static Manifests parse(String yaml) {
        List<Object> documents;
        try {
            documents = Yaml.loadAll(yaml);
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
        return new Manifests(List.copyOf(objects));
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
        Stream<Workload> jobs = all(V1Job.class).stream()
                .map(j -> new Workload("Job/" + j.getMetadata().getName(), j.getSpec().getTemplate()));
        return Stream.concat(deployments, jobs).toList();
    }

    record Workload(String id, V1PodTemplateSpec template) {

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
    }

    static Optional<V1EnvVar> env(V1Container container, String name) {
        return container.getEnv() == null ? Optional.empty()
                : container.getEnv().stream().filter(e -> name.equals(e.getName())).findFirst();
    }
}
