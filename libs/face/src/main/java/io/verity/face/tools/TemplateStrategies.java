package io.verity.face.tools;

import io.verity.face.Analysis;
import io.verity.face.FaceEngine;
import io.verity.face.FaceEngineConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Best-of or aggregate template, for a person who has several verified photos (ida-service's choice, docs/adr/0016):
 * on a folder with one subfolder per person, every photo of a person with at least three is a probe against the
 * person's other photos (the verified templates), scored as the best similarity to any of them ("best") and as the
 * similarity to their normalised mean ("aggregate"); impostor scores pair every photo with every other person's full
 * set (of at least two). Prints FRR and FAR at the threshold given (default 0.41 = 1 − verified_account tolerance
 * 0.59), the TAR at FAR ≤ 0.001 of each, one template alone for comparison, and last {@code best_frr=.. aggregate_frr=.. best_far=.. aggregate_far=..}.
 */
public final class TemplateStrategies {

    private TemplateStrategies() {
    }

    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.ROOT);
        Path dir = Path.of(args.length > 0 ? args[0] : Tools.sharedFaces());
        float threshold = args.length > 1 ? Float.parseFloat(args[1]) : 0.41f;
        Map<String, List<float[]>> people = new LinkedHashMap<>();
        try (FaceEngine engine = new FaceEngine(FaceEngineConfig.defaults())) {
            for (Path file : Tools.imageFiles(dir)) {
                Path relative = dir.relativize(file);
                if (relative.getNameCount() != 2 || relative.getName(0).toString().equals("group")) {
                    continue;
                }
                try {
                    Analysis a = engine.analyze(Files.readAllBytes(file), FaceEngine.Detail.MATCH);
                    people.computeIfAbsent(relative.getName(0).toString(), p -> new ArrayList<>()).add(a.subject().embedding());
                } catch (RuntimeException | IOException e) {
                    System.out.println("refused: " + relative);
                }
            }
        }
        List<Float> best = new ArrayList<>();
        List<Float> aggregate = new ArrayList<>();
        List<Float> bestImpostor = new ArrayList<>();
        List<Float> aggregateImpostor = new ArrayList<>();
        List<Float> single = new ArrayList<>();
        List<Float> singleImpostor = new ArrayList<>();
        int probes = 0;
        for (Map.Entry<String, List<float[]>> person : people.entrySet()) {
            List<float[]> photos = person.getValue();
            if (photos.size() >= 3) {
                for (int i = 0; i < photos.size(); i++) {
                    List<float[]> templates = new ArrayList<>(photos);
                    float[] probe = templates.remove(i);
                    best.add(bestOf(probe, templates));
                    aggregate.add(FaceEngine.similarity(probe, mean(templates)));
                    single.add(FaceEngine.similarity(probe, templates.get(0)));
                    probes++;
                }
            }
            for (Map.Entry<String, List<float[]>> other : people.entrySet()) {
                if (other.getKey().equals(person.getKey()) || other.getValue().size() < 2) {
                    continue;
                }
                float[] otherMean = mean(other.getValue());
                for (float[] probe : photos) {
                    bestImpostor.add(bestOf(probe, other.getValue()));
                    aggregateImpostor.add(FaceEngine.similarity(probe, otherMean));
                    singleImpostor.add(FaceEngine.similarity(probe, other.getValue().get(0)));
                }
            }
        }
        System.out.printf("people %d, genuine probes %d (each against the person's other photos), impostor probes %d%n",
                people.size(), probes, bestImpostor.size());
        double bestFrr = below(best, threshold);
        double aggFrr = below(aggregate, threshold);
        double bestFar = atOrAbove(bestImpostor, threshold);
        double aggFar = atOrAbove(aggregateImpostor, threshold);
        System.out.printf("threshold %.2f: best-of FRR %.4f FAR %.5f | aggregate FRR %.4f FAR %.5f%n", threshold, bestFrr,
                bestFar, aggFrr, aggFar);
        System.out.printf("one template only (the person's first other photo): FRR %.4f FAR %.5f, TAR at FAR <= 0.001 %.4f%n",
                below(single, threshold), atOrAbove(singleImpostor, threshold), tarAt(single, singleImpostor, 0.001));
        System.out.printf("lowest genuine: best-of %.3f aggregate %.3f; highest impostor: best-of %.3f aggregate %.3f%n",
                min(best), min(aggregate), max(bestImpostor), max(aggregateImpostor));
        System.out.printf("TAR at FAR <= 0.001: best-of %.4f aggregate %.4f%n", tarAt(best, bestImpostor, 0.001),
                tarAt(aggregate, aggregateImpostor, 0.001));
        System.out.printf("best_frr=%.4f aggregate_frr=%.4f best_far=%.5f aggregate_far=%.5f%n", bestFrr, aggFrr, bestFar, aggFar);
    }

    static float bestOf(float[] probe, List<float[]> templates) {
        float best = -1;
        for (float[] t : templates) {
            best = Math.max(best, FaceEngine.similarity(probe, t));
        }
        return best;
    }

    /** The normalised mean, as identity-service's analyze-set computes it. */
    static float[] mean(List<float[]> templates) {
        float[] m = new float[templates.get(0).length];
        for (float[] t : templates) {
            for (int i = 0; i < m.length; i++) {
                m[i] += t[i];
            }
        }
        double norm = 0;
        for (float v : m) {
            norm += v * v;
        }
        float scale = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < m.length; i++) {
            m[i] *= scale;
        }
        return m;
    }

    static double below(List<Float> scores, float t) {
        return scores.stream().filter(s -> s < t).count() / (double) scores.size();
    }

    static double atOrAbove(List<Float> scores, float t) {
        return scores.stream().filter(s -> s >= t).count() / (double) scores.size();
    }

    static float min(List<Float> s) {
        return s.stream().min(Float::compare).orElse(Float.NaN);
    }

    static float max(List<Float> s) {
        return s.stream().max(Float::compare).orElse(Float.NaN);
    }

    /** The share of genuine scores at or above the lowest threshold whose FAR is at most {@code far}. */
    static double tarAt(List<Float> genuine, List<Float> impostor, double far) {
        List<Float> sorted = impostor.stream().sorted((a, b) -> Float.compare(b, a)).toList();
        int allowed = (int) Math.floor(far * sorted.size());
        float t = allowed >= sorted.size() ? -1 : Math.nextUp(sorted.get(allowed));
        return genuine.stream().filter(s -> s >= t).count() / (double) genuine.size();
    }
}
