package io.verity.face.tools;

import io.verity.face.Analysis;
import io.verity.face.FaceEngine;
import io.verity.face.FaceEngineConfig;
import io.verity.face.FaceRefusal;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code bin/verity eval-faces DIR}: how well the face engine separates people, on any folder with one subfolder per
 * person ({@code group/} and {@code hard-inputs/} are only analysed, never paired). Every pair of usable photos of the
 * same person is a genuine pair, every pair across people an impostor pair. Several folders may be given; they are
 * pooled (people must not repeat across them). It prints a DET table (FAR, FRR and accuracy per threshold), the
 * threshold that the calibration rule picks ({@link #calibratedThreshold}), the pairs that fail at the default
 * threshold, and last a machine-readable line: {@code accuracy=<0..1> tar_at_far_0.001=<0..1> pairs=<n>}.
 */
public final class FaceEvaluation {

    private static final Set<String> ANALYSE_ONLY = Set.of("group", "hard-inputs");

    private record Sample(String person, String name, float[] embedding) {
    }

    private record Pair(Sample a, Sample b, float similarity) {
        boolean genuine() {
            return a.person().equals(b.person());
        }

        String names() {
            return a.name() + " ~ " + b.name();
        }
    }

    private FaceEvaluation() {
    }

    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.ROOT);
        List<Path> dirs = args.length == 0 ? List.of(Path.of(Tools.sharedFaces()))
                : java.util.Arrays.stream(args).map(Path::of).toList();
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) {
                System.err.println("eval-faces: " + dir + " is not a folder");
                System.exit(2);
            }
        }
        try (FaceEngine engine = new FaceEngine(FaceEngineConfig.defaults())) {
            evaluate(engine, dirs, System.out);
        }
    }

    /** The figures of one evaluation (also printed). */
    public record Result(int refused, int genuinePairs, int impostorPairs, float lowestGenuine, float highestImpostor,
            double accuracy, double tarAtFar001, float calibratedThreshold) {
    }

    /** The FAR the default threshold is chosen for, and the margin it keeps: FAR at most a half of it. */
    static final double TARGET_FAR = 0.001;
    static final double MARGIN = 0.5;

    public static Result evaluate(FaceEngine engine, Path dir, PrintStream out) throws IOException {
        return evaluate(engine, List.of(dir), out);
    }

    public static Result evaluate(FaceEngine engine, List<Path> dirs, PrintStream out) throws IOException {
        float threshold = engine.config().matchThreshold();
        List<Sample> samples = new ArrayList<>();
        int read = 0;
        int faces = 0;
        List<String> refused = new ArrayList<>();
        for (Path dir : dirs) for (Path file : Tools.imageFiles(dir)) {
            Path relative = dir.relativize(file);
            if (relative.getNameCount() < 2) {
                continue; // files beside the person folders (a README, a licence) are not photos of anyone
            }
            String person = relative.getName(0).toString();
            read++;
            try {
                Analysis analysis = engine.analyze(Files.readAllBytes(file), FaceEngine.Detail.MATCH);
                faces += analysis.faces().size();
                if (!ANALYSE_ONLY.contains(person)) {
                    samples.add(new Sample(person, relative.toString(), analysis.subject().embedding()));
                }
            } catch (FaceRefusal refusal) {
                refused.add(String.format("  %-45s %s (%s)", relative, refusal.reason().code(), refusal.getMessage()));
            }
        }

        List<Pair> pairs = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            for (int j = i + 1; j < samples.size(); j++) {
                pairs.add(new Pair(samples.get(i), samples.get(j),
                        FaceEngine.similarity(samples.get(i).embedding(), samples.get(j).embedding())));
            }
        }
        List<Pair> genuine = pairs.stream().filter(Pair::genuine).sorted(Comparator.comparingDouble(Pair::similarity)).toList();
        List<Pair> impostor = pairs.stream().filter(p -> !p.genuine())
                .sorted(Comparator.comparingDouble(Pair::similarity).reversed()).toList();

        out.printf("images read: %d (from %s)%n", read, dirs.stream().map(Path::toString).collect(java.util.stream.Collectors.joining(", ")));
        out.printf("images refused: %d%n", refused.size());
        refused.forEach(out::println);
        out.printf("faces found: %d (in %d images with a usable face)%n", faces, read - refused.size());
        out.printf("photos paired: %d of %d people%n", samples.size(), samples.stream().map(Sample::person).distinct().count());
        out.printf("same-person pairs: %d%n", genuine.size());
        out.printf("different-person pairs: %d%n", impostor.size());
        if (!genuine.isEmpty()) {
            out.printf("lowest same-person similarity: %.4f (%s)%n", genuine.get(0).similarity(), genuine.get(0).names());
        }
        if (!impostor.isEmpty()) {
            out.printf("highest different-person similarity: %.4f (%s)%n", impostor.get(0).similarity(), impostor.get(0).names());
        }
        long correct = genuine.stream().filter(p -> p.similarity() >= threshold).count()
                + impostor.stream().filter(p -> p.similarity() < threshold).count();
        double accuracy = pairs.isEmpty() ? 0 : (double) correct / pairs.size();
        out.printf("accuracy at the default threshold %.2f: %.4f (%d of %d pairs right)%n", threshold, accuracy, correct, pairs.size());
        double tar1 = tarAtFar(genuine, impostor, 0.01);
        double tar01 = tarAtFar(genuine, impostor, 0.001);
        out.printf("true-accept rate at false-accept rate 1%%: %.4f%n", tar1);
        out.printf("true-accept rate at false-accept rate 0.1%%: %.4f%n", tar01);

        out.println();
        out.println("DET table (a pair matches when its similarity is at or above the threshold):");
        out.println("threshold   FAR       false accepts   FRR       false rejects   accuracy");
        for (int step = 30; step <= 50; step++) {
            float t = step / 100f;
            long fa = impostor.stream().filter(p -> p.similarity() >= t).count();
            long fr = genuine.stream().filter(p -> p.similarity() < t).count();
            out.printf("%s%.2f      %.5f   %6d of %-6d %.5f   %4d of %-4d  %.4f%n", Math.abs(t - threshold) < 1e-6 ? "*" : " ", t,
                    rate(fa, impostor.size()), fa, impostor.size(), rate(fr, genuine.size()), fr, genuine.size(),
                    rate(genuine.size() - fr + impostor.size() - fa, pairs.size()));
        }
        float calibrated = calibratedThreshold(impostor);
        out.printf("(* the default threshold %.2f)%n", threshold);
        out.printf("calibrated threshold: %.2f, the lowest on a 0.01 grid with FAR <= %.3f%% (target %.1f%% with a %.0fx margin),"
                        + " supported by %d different-person pairs (%d of them allowed above it)%n",
                calibrated, TARGET_FAR * MARGIN * 100, TARGET_FAR * 100, 1 / MARGIN, impostor.size(),
                (long) Math.floor(TARGET_FAR * MARGIN * impostor.size()));

        List<Pair> failing = new ArrayList<>(genuine.stream().filter(p -> p.similarity() < threshold).toList());
        failing.addAll(impostor.stream().filter(p -> p.similarity() >= threshold).toList());
        out.printf("%nfailing pairs at %.2f: %d%n", threshold, failing.size());
        failing.stream().limit(60).forEach(p -> out.printf("  %s %.4f  %s%n", p.genuine() ? "same person, rejected:   " : "different people, accepted:",
                p.similarity(), p.names()));
        if (failing.size() > 60) {
            out.printf("  … and %d more%n", failing.size() - 60);
        }
        out.printf("accuracy=%.4f tar_at_far_0.001=%.4f pairs=%d%n", accuracy, tar01, pairs.size());
        return new Result(refused.size(), genuine.size(), impostor.size(),
                genuine.isEmpty() ? Float.NaN : genuine.get(0).similarity(),
                impostor.isEmpty() ? Float.NaN : impostor.get(0).similarity(), accuracy, tar01, calibrated);
    }

    private static double rate(long count, long of) {
        return of == 0 ? 0 : (double) count / of;
    }

    /**
     * The calibration rule: the lowest threshold on a 0.01 grid at which at most {@code TARGET_FAR × MARGIN} of the
     * different-person pairs are accepted (a match is similarity ≥ threshold).
     */
    static float calibratedThreshold(List<Pair> impostorsBestFirst) {
        long allowed = (long) Math.floor(TARGET_FAR * MARGIN * impostorsBestFirst.size());
        for (int step = 0; step <= 100; step++) {
            float t = step / 100f;
            long accepted = impostorsBestFirst.stream().takeWhile(p -> p.similarity() >= t).count();
            if (accepted <= allowed) {
                return t;
            }
        }
        return 1f;
    }

    /**
     * The share of genuine pairs accepted at the strictest threshold that still lets at most {@code far} of the
     * impostor pairs through (with few impostor pairs that means: above every one of them).
     */
    static double tarAtFar(List<Pair> genuine, List<Pair> impostorsBestFirst, double far) {
        if (genuine.isEmpty()) {
            return 0;
        }
        int allowed = (int) Math.floor(far * impostorsBestFirst.size());
        float bar = allowed >= impostorsBestFirst.size() ? Float.NEGATIVE_INFINITY : impostorsBestFirst.get(allowed).similarity();
        return (double) genuine.stream().filter(p -> p.similarity() > bar).count() / genuine.size();
    }
}
