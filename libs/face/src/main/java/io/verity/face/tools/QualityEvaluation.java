package io.verity.face.tools;

import io.verity.face.Box;
import io.verity.face.Face;
import io.verity.face.FaceEngine;
import io.verity.face.FaceEngineConfig;
import io.verity.face.FaceRefusal;
import io.verity.face.image.RgbImage;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * {@code bin/verity eval-quality DIR}: where a photo becomes too poor to enrol, measured. Every usable photo of a
 * person (one subfolder per person) is degraded the way poor captures are (Gaussian blur in aligned-face units, and
 * shrinking so the face is fewer pixels across) and matched against that person's other, untouched photos at the
 * default threshold. Head pose is measured on the untouched photos. For sharpness, face size and yaw it prints the
 * genuine accept rate per bin and the limit that the rule picks ({@link #limit}); last line
 * {@code min_sharpness=<s> min_face_size=<px> max_yaw=<deg>}. The enrolment limits in {@code FaceEngineConfig} are
 * these figures (docs/face-engine.md records the run).
 */
public final class QualityEvaluation {

    /**
     * A bin is good enough when its genuine accept rate at the default threshold is at most this much below the
     * untouched photos' rate: a template from such a photo misses its person at most one time in twenty more often. (3 points
     * would refuse one ordinary photo in ten, at 20 degrees of yaw, within the pose model's error.)
     */
    static final double TOLERATED_LOSS = 0.05;
    /** A bin with fewer genuine pairs says nothing. */
    static final int MIN_PAIRS = 50;

    static final float[] BLUR_SIGMAS = {0f, 0.75f, 1.5f, 2.25f, 3f, 4f}; // in pixels of the 112-pixel aligned face
    static final float[] FACE_SIZES = {20f, 24f, 28f, 32f, 36f, 40f, 48f, 64f, 96f};
    /** The evaluation looks at faces down to this size, below the engine's default minimum, to measure that minimum. */
    static final float SMALLEST_FACE_MEASURED = 16f;

    record Photo(String person, Face face, RgbImage image) {
    }

    /** One degraded (or untouched) probe: its measured quality and its similarities to the person's other photos. */
    record Probe(float sharpness, float faceSize, Float yaw, float[] similarities) {
    }

    private QualityEvaluation() {
    }

    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.ROOT);
        Path dir = Path.of(args.length == 0 ? Tools.sharedFaces() : args[0]);
        if (!Files.isDirectory(dir)) {
            System.err.println("eval-quality: " + dir + " is not a folder");
            System.exit(2);
        }
        try (FaceEngine engine = new FaceEngine(FaceEngineConfig.defaults().withMinFaceSize(SMALLEST_FACE_MEASURED))) {
            evaluate(engine, dir, System.out);
        }
    }

    /** The limits measured on one folder. */
    public record Limits(float minSharpness, float minFaceSize, float maxYaw) {
    }

    public static Limits evaluate(FaceEngine engine, Path dir, PrintStream out) throws Exception {
        float threshold = engine.config().matchThreshold();
        List<Photo> photos = new ArrayList<>();
        List<Path> files = Tools.imageFiles(dir).stream().filter(f -> dir.relativize(f).getNameCount() == 2).toList();
        for (Path file : files) {
            String person = dir.relativize(file).getName(0).toString();
            if (person.equals("group") || person.equals("hard-inputs")) {
                continue;
            }
            try {
                RgbImage image = engine.decode(Files.readAllBytes(file));
                photos.add(new Photo(person, engine.analyze(image, FaceEngine.Detail.FULL).subject(), image));
            } catch (FaceRefusal refused) {
                // an unusable original is not a probe; eval-faces lists these
            }
            if (photos.size() % 25 == 0) {
                out.printf("analysed %d of %d photos%n", photos.size(), files.size());
            }
        }
        List<Probe> blurred = new ArrayList<>();
        List<Probe> shrunk = new ArrayList<>();
        List<Probe> untouched = new ArrayList<>();
        for (int i = 0; i < photos.size(); i++) {
            Photo photo = photos.get(i);
            float[] others = null;
            RgbImage around = around(photo);
            float faceSize = photo.face().quality().faceSize() * around.width() / cropWidth(photo);
            for (float sigma : BLUR_SIGMAS) {
                Probe probe = probe(engine, photos, i, Degrade.blur(around, sigma * faceSize / 112f), null);
                if (probe != null) {
                    blurred.add(probe);
                }
            }
            for (float size : FACE_SIZES) {
                if (size < faceSize) {
                    Probe probe = probe(engine, photos, i, Degrade.shrink(around, size / faceSize), null);
                    if (probe != null) {
                        shrunk.add(probe);
                    }
                }
            }
            untouched.add(new Probe(photo.face().quality().sharpness(), photo.face().quality().faceSize(),
                    photo.face().quality().yaw(), similarities(photos, i, photo.face().embedding())));
            if ((i + 1) % 25 == 0) {
                out.printf("degraded %d of %d photos%n", i + 1, photos.size());
            }
        }
        double required = acceptRate(untouched, threshold) - TOLERATED_LOSS;
        out.printf("%nphotos: %d of %d people; threshold %.2f; untouched photos' same-person accept rate %.3f; a bin"
                + " passes at >= %.3f (bins with < %d pairs are not judged)%n", photos.size(),
                photos.stream().map(Photo::person).distinct().count(), threshold, required + TOLERATED_LOSS, required, MIN_PAIRS);
        float minSharpness = (float) limit(out, "sharpness (Laplacian variance of the aligned face), blurred probes",
                blurred, Probe::sharpness, new double[] {0, 5, 10, 15, 20, 30, 40, 60, 80, 120, 200}, threshold, required, true);
        float minFaceSize = (float) limit(out, "face size (pixels across), shrunk probes", shrunk, Probe::faceSize,
                new double[] {0, 22, 26, 30, 34, 38, 44, 56, 80}, threshold, required, true);
        List<Probe> posed = untouched.stream().filter(p -> p.yaw() != null).toList();
        float maxYaw = (float) limit(out, "|yaw| (degrees), untouched photos", posed, p -> Math.abs(p.yaw()),
                new double[] {0, 10, 20, 30, 40, 50, 60, 75}, threshold, required, false);
        out.printf("min_sharpness=%.0f min_face_size=%.0f max_yaw=%.0f%n", minSharpness, minFaceSize, maxYaw);
        return new Limits(minSharpness, minFaceSize, maxYaw);
    }

    /**
     * Prints the accept rate per bin and returns the limit, never beyond what was measured: for a lower bound
     * ({@code atLeast}), the lower edge of the lowest bin of the unbroken run of judged, passing bins that ends at the
     * top; for an upper bound, the upper edge of the last bin of the run that starts at the bottom.
     */
    static double limit(PrintStream out, String title, List<Probe> probes, ToDoubleFunction<Probe> metric,
            double[] edges, float threshold, double required, boolean atLeast) {
        out.printf("%n%s%n  bin              probes   pairs    accepted  rate%n", title);
        int bins = edges.length;
        long[] pairs = new long[bins];
        long[] accepted = new long[bins];
        int[] count = new int[bins];
        for (Probe probe : probes) {
            double value = metric.applyAsDouble(probe);
            int bin = bins - 1;
            while (bin > 0 && value < edges[bin]) {
                bin--;
            }
            count[bin]++;
            pairs[bin] += probe.similarities().length;
            for (float s : probe.similarities()) {
                if (s >= threshold) {
                    accepted[bin]++;
                }
            }
        }
        boolean[] passes = new boolean[bins];
        for (int b = 0; b < bins; b++) {
            double rate = pairs[b] == 0 ? Double.NaN : (double) accepted[b] / pairs[b];
            passes[b] = pairs[b] >= MIN_PAIRS && rate >= required;
            String range = b + 1 < bins ? String.format("[%g, %g)", edges[b], edges[b + 1]) : String.format("[%g, …)", edges[b]);
            out.printf("  %-16s %6d   %6d   %6d    %s%s%n", range, count[b], pairs[b], accepted[b],
                    pairs[b] == 0 ? "-" : String.format("%.3f", rate), pairs[b] < MIN_PAIRS ? " (not judged)" : passes[b] ? "" : "  FAILS");
        }
        if (atLeast) {
            int top = bins - 1;
            while (top > 0 && pairs[top] < MIN_PAIRS) {
                top--;
            }
            int lowest = top + 1;
            while (lowest > 0 && passes[lowest - 1]) {
                lowest--;
            }
            return lowest <= top ? edges[lowest] : Double.NaN;
        }
        int highest = -1;
        while (highest + 1 < bins && passes[highest + 1]) {
            highest++;
        }
        return highest < 0 ? Double.NaN : highest + 1 < bins ? edges[highest + 1] : Double.POSITIVE_INFINITY;
    }

    static double acceptRate(List<Probe> probes, float threshold) {
        long pairs = 0;
        long accepted = 0;
        for (Probe probe : probes) {
            for (float s : probe.similarities()) {
                pairs++;
                accepted += s >= threshold ? 1 : 0;
            }
        }
        return pairs == 0 ? Double.NaN : (double) accepted / pairs;
    }

    private static Probe probe(FaceEngine engine, List<Photo> photos, int index, RgbImage image, Float yaw) {
        try {
            Face face = engine.analyze(image, FaceEngine.Detail.MATCH).subject();
            return new Probe(face.quality().sharpness(), face.quality().faceSize(), yaw,
                    similarities(photos, index, face.embedding()));
        } catch (FaceRefusal refused) {
            return null; // too degraded to find: the engine already refuses it
        }
    }

    private static float[] similarities(List<Photo> photos, int index, float[] embedding) {
        String person = photos.get(index).person();
        List<Float> values = new ArrayList<>();
        for (int j = 0; j < photos.size(); j++) {
            if (j != index && photos.get(j).person().equals(person)) {
                values.add(FaceEngine.similarity(embedding, photos.get(j).face().embedding()));
            }
        }
        float[] out = new float[values.size()];
        for (int k = 0; k < out.length; k++) {
            out[k] = values.get(k);
        }
        return out;
    }

    /** The face with a face's width of context on every side, as a smaller image (faster to degrade). */
    private static RgbImage around(Photo photo) {
        Box box = photo.face().box();
        RgbImage image = photo.image();
        float pad = box.shortSide();
        int x0 = Math.max(0, (int) (box.x1() - pad));
        int y0 = Math.max(0, (int) (box.y1() - pad));
        int x1 = Math.min(image.width(), (int) (box.x2() + pad));
        int y1 = Math.min(image.height(), (int) (box.y2() + pad));
        int w = x1 - x0;
        byte[] rgb = new byte[w * (y1 - y0) * 3];
        for (int y = y0; y < y1; y++) {
            System.arraycopy(image.rgb(), (y * image.width() + x0) * 3, rgb, (y - y0) * w * 3, w * 3);
        }
        RgbImage crop = new RgbImage(w, y1 - y0, rgb);
        // faces larger than 160 px are shrunk to 160 first: blur in aligned-face units then means the same everywhere
        return Degrade.shrink(crop, Math.min(1f, 160f / box.shortSide()));
    }

    private static float cropWidth(Photo photo) {
        Box box = photo.face().box();
        float pad = box.shortSide();
        return Math.min(photo.image().width(), (int) (box.x2() + pad)) - Math.max(0, (int) (box.x1() - pad));
    }
}
