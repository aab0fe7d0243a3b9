package io.verity.face.tools;

import io.verity.face.FaceEngine;
import io.verity.face.FaceEngineConfig;
import io.verity.face.FaceRefusal;
import io.verity.face.index.FlatIndex;
import io.verity.face.model.OnnxModel;
import io.verity.face.pipeline.Embedder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@code bin/verity bench faces [DIR]}: each figure against a reference measured in the same run on this machine.
 * <ol>
 *   <li>pipeline time per image (bytes in, faces with every attribute out) against the sum of bare ONNX Runtime
 *       {@code run} times of the same models on the same tensors;</li>
 *   <li>exact top-10 search over 10k, 100k and 1M 512-d templates against one SIMD pass that only sums the same bytes;</li>
 *   <li>full analyses per second with two concurrent callers.</li>
 * </ol>
 */
public final class FaceBenchmark {

    private static final int WARMUP_PASSES = 2;
    private static final int MEASURED_PASSES = 3;
    private static final int SEARCHES = 20;
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

    private FaceBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : Tools.sharedFaces());
        double pipelineRatio;
        double analysesPerSecond;
        try (FaceEngine engine = new FaceEngine(FaceEngineConfig.defaults())) {
            List<byte[]> images = loadUsable(engine, dir);
            System.out.printf("images: %d with a usable face from %s; %d cores; %s%n", images.size(), dir,
                    Runtime.getRuntime().availableProcessors(), Runtime.version());
            pipelineRatio = pipelineOverhead(engine, images);
            analysesPerSecond = throughput(engine, images, 2);
        }
        double searchRatio1m = 0;
        for (int n : new int[] {10_000, 100_000, 1_000_000}) {
            searchRatio1m = searchAgainstBandwidth(n);
        }
        System.out.printf("pipeline_overhead_ratio=%.3f search_bandwidth_ratio_1m=%.3f analyses_per_s=%.2f%n",
                pipelineRatio, searchRatio1m, analysesPerSecond);
    }

    private static List<byte[]> loadUsable(FaceEngine engine, Path dir) throws IOException {
        List<byte[]> usable = new ArrayList<>();
        for (Path file : Tools.imageFiles(dir)) {
            byte[] bytes = Files.readAllBytes(file);
            try {
                engine.analyze(bytes, FaceEngine.Detail.MATCH);
                usable.add(bytes);
            } catch (FaceRefusal refused) {
                // the benchmark measures faces, not refusals
            }
        }
        return usable;
    }

    /** (a) Pipeline wall time against the bare model runs it is made of. */
    private static double pipelineOverhead(FaceEngine engine, List<byte[]> images) {
        for (int pass = 0; pass < WARMUP_PASSES; pass++) {
            images.forEach(image -> engine.analyze(image, FaceEngine.Detail.FULL));
        }
        record Input(OnnxModel model, float[] values) {
        }
        List<Input> inputs = new ArrayList<>();
        engine.models().forEach(m -> m.listen((model, values) -> inputs.add(new Input(model, values))));
        images.forEach(image -> engine.analyze(image, FaceEngine.Detail.FULL));
        engine.models().forEach(m -> m.listen(null));

        long pipeline = 0;
        for (int pass = 0; pass < MEASURED_PASSES; pass++) {
            for (byte[] image : images) {
                long start = System.nanoTime();
                engine.analyze(image, FaceEngine.Detail.FULL);
                pipeline += System.nanoTime() - start;
            }
        }
        long bare = 0;
        for (Input input : inputs) {
            bare += input.model().timeBareRuns(input.values(), MEASURED_PASSES);
        }
        double perImagePipeline = pipeline / 1e6 / MEASURED_PASSES / images.size();
        double perImageBare = bare / 1e6 / MEASURED_PASSES / images.size();
        System.out.printf("(a) pipeline %.1f ms/image; bare ONNX Runtime runs of the same %d model inputs %.1f ms/image%n",
                perImagePipeline, inputs.size() / images.size(), perImageBare);
        return perImagePipeline / perImageBare;
    }

    /** (c) Full analyses per second with {@code callers} threads, each going through the images once per pass. */
    private static double throughput(FaceEngine engine, List<byte[]> images, int callers) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        AtomicInteger done = new AtomicInteger();
        long start = System.nanoTime();
        List<Future<?>> work = new ArrayList<>();
        for (int c = 0; c < callers; c++) {
            int offset = c;
            work.add(pool.submit(() -> {
                for (int pass = 0; pass < MEASURED_PASSES; pass++) {
                    for (int i = 0; i < images.size(); i++) {
                        engine.analyze(images.get((i + offset) % images.size()), FaceEngine.Detail.FULL);
                        done.incrementAndGet();
                    }
                }
            }));
        }
        for (Future<?> f : work) {
            f.get();
        }
        pool.shutdown();
        double seconds = (System.nanoTime() - start) / 1e9;
        double rate = done.get() / seconds;
        System.out.printf("(c) %d full analyses in %.1f s with %d concurrent callers: %.2f/s%n", done.get(), seconds, callers, rate);
        return rate;
    }

    /** (b) Exact top-10 search time against the time to stream the same bytes once. */
    private static double searchAgainstBandwidth(int templates) {
        FlatIndex<Integer> index = new FlatIndex<>(Embedder.DIMENSIONS);
        Random random = new Random(42);
        float[] vector = new float[Embedder.DIMENSIONS];
        for (int i = 0; i < templates; i++) {
            for (int d = 0; d < vector.length; d++) {
                vector[d] = (float) random.nextGaussian();
            }
            index.put(i, Embedder.normalised(vector));
        }
        float[][] queries = new float[SEARCHES][];
        for (int q = 0; q < SEARCHES; q++) {
            for (int d = 0; d < vector.length; d++) {
                vector[d] = (float) random.nextGaussian();
            }
            queries[q] = Embedder.normalised(vector);
        }
        float[] flat = index.toArray();

        double checksum = 0;
        for (int warm = 0; warm < 3; warm++) {
            checksum += index.search(queries[warm], 10, -1f).size() + stream(flat);
        }
        long search = 0;
        long streamed = 0;
        for (int q = 0; q < SEARCHES; q++) {
            long start = System.nanoTime();
            checksum += index.search(queries[q], 10, -1f).get(0).similarity();
            search += System.nanoTime() - start;
            start = System.nanoTime();
            checksum += stream(flat);
            streamed += System.nanoTime() - start;
        }
        double gib = (double) templates * Embedder.DIMENSIONS * Float.BYTES / (1L << 30);
        double searchMs = search / 1e6 / SEARCHES;
        double streamMs = streamed / 1e6 / SEARCHES;
        System.out.printf("(b) %,9d templates (%.2f GiB): top-10 search %.2f ms, streaming the same bytes %.2f ms "
                + "(%.1f GiB/s), ratio %.3f%s%n", templates, gib, searchMs, streamMs, gib / (streamMs / 1000),
                searchMs / streamMs, checksum == 42 ? " " : "");
        return searchMs / streamMs;
    }

    /** The least work that reads every byte once: a SIMD sum. */
    private static float stream(float[] values) {
        FloatVector acc = FloatVector.zero(SPECIES);
        int i = 0;
        for (; i <= values.length - SPECIES.length(); i += SPECIES.length()) {
            acc = acc.add(FloatVector.fromArray(SPECIES, values, i));
        }
        float sum = acc.reduceLanes(VectorOperators.ADD);
        for (; i < values.length; i++) {
            sum += values[i];
        }
        return sum;
    }
}
