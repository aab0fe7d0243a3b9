package io.verity.face.tools;

import io.verity.face.index.FlatIndex;
import io.verity.face.index.FlatIndex.Encoding;
import io.verity.face.pipeline.Embedder;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * {@code bin/verity bench galleries}: what galleries cost in memory, and what compact (int8) templates cost in recall
 * and gain in speed, each against a reference measured in the same run.
 * <ol>
 *   <li>heap per template in a float32 gallery of 100,000 (keys included), from the heap in use before and after;</li>
 *   <li>heap per gallery of one template, over 2,000 such galleries (every event is a gallery);</li>
 *   <li>recall@10 of int8 search against exact float32 search, on the same 1M random unit vectors and 50 random
 *       queries (random vectors are the hard case: their 10 best are separated by about 0.002);</li>
 *   <li>int8 top-10 search time at 1M over float32 top-10 search time on the same templates.</li>
 * </ol>
 * The last line: {@code bytes_per_template=<b> bytes_per_one_template_gallery=<g> int8_recall_at_10=<r>
 * int8_search_ratio_1m=<s>}.
 */
public final class GalleryBenchmark {

    private static final int DIMENSIONS = Embedder.DIMENSIONS;
    private static final int QUERIES = 50;

    private GalleryBenchmark() {
    }

    public static void main(String[] args) {
        Random random = new Random(42);
        long perTemplate = bytesPerTemplate(random, 100_000, Encoding.FLOAT32);
        long perTemplateInt8 = bytesPerTemplate(random, 100_000, Encoding.INT8);
        System.out.printf("(a) heap per template at 100,000 templates: float32 %,d bytes, int8 %,d bytes (keys and slots included)%n",
                perTemplate, perTemplateInt8);
        long perGallery = bytesPerOneTemplateGallery(random, 2_000);
        System.out.printf("(b) heap per gallery of one template, over 2,000 galleries: %,d bytes%n", perGallery);

        int n = 1_000_000;
        System.out.printf("(c) building 1,000,000 templates in both encodings…%n");
        FlatIndex<Integer> exact = new FlatIndex<>(DIMENSIONS, Encoding.FLOAT32);
        FlatIndex<Integer> compact = new FlatIndex<>(DIMENSIONS, Encoding.INT8);
        for (int i = 0; i < n; i++) {
            float[] v = unitVector(random);
            exact.put(i, v);
            compact.put(i, v);
            if ((i + 1) % 250_000 == 0) {
                System.out.printf("    %,d%n", i + 1);
            }
        }
        System.out.printf("    vectors: float32 %.2f GiB, int8 %.2f GiB%n", exact.vectorBytes() / (double) (1L << 30),
                compact.vectorBytes() / (double) (1L << 30));
        float[][] queries = new float[QUERIES][];
        for (int q = 0; q < QUERIES; q++) {
            queries[q] = unitVector(random);
        }
        for (int warm = 0; warm < 3; warm++) {
            exact.search(queries[warm], 10, -1f);
            compact.search(queries[warm], 10, -1f);
        }
        long exactNanos = 0;
        long compactNanos = 0;
        int found = 0;
        for (float[] query : queries) {
            long start = System.nanoTime();
            List<FlatIndex.Hit<Integer>> truth = exact.search(query, 10, -1f);
            exactNanos += System.nanoTime() - start;
            start = System.nanoTime();
            List<FlatIndex.Hit<Integer>> approx = compact.search(query, 10, -1f);
            compactNanos += System.nanoTime() - start;
            Set<Integer> expected = new HashSet<>();
            truth.forEach(h -> expected.add(h.key()));
            found += (int) approx.stream().filter(h -> expected.contains(h.key())).count();
        }
        double recall = found / (10.0 * QUERIES);
        double ratio = (double) compactNanos / exactNanos;
        System.out.printf("(c) recall@10 of int8 against float32: %.4f (%d of %d)%n", recall, found, 10 * QUERIES);
        System.out.printf("(d) top-10 search at 1M: float32 %.1f ms, int8 %.1f ms, ratio %.3f%n",
                exactNanos / 1e6 / QUERIES, compactNanos / 1e6 / QUERIES, ratio);
        System.out.printf("bytes_per_template=%d bytes_per_one_template_gallery=%d int8_recall_at_10=%.4f int8_search_ratio_1m=%.3f%n",
                perTemplate, perGallery, recall, ratio);
    }

    private static long bytesPerTemplate(Random random, int count, Encoding encoding) {
        long before = usedHeap();
        FlatIndex<UUID> index = new FlatIndex<>(DIMENSIONS, encoding);
        for (int i = 0; i < count; i++) {
            index.put(UUID.randomUUID(), unitVector(random));
        }
        long after = usedHeap();
        keep(index);
        return (after - before) / count;
    }

    private static long bytesPerOneTemplateGallery(Random random, int galleries) {
        List<FlatIndex<UUID>> all = new ArrayList<>(galleries);
        long before = usedHeap();
        for (int g = 0; g < galleries; g++) {
            FlatIndex<UUID> index = new FlatIndex<>(DIMENSIONS);
            index.put(UUID.randomUUID(), unitVector(random));
            all.add(index);
        }
        long after = usedHeap();
        keep(all);
        return (after - before) / galleries;
    }

    private static volatile Object sink;

    private static void keep(Object o) {
        sink = o;
        sink = null;
    }

    private static long usedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static float[] unitVector(Random random) {
        float[] v = new float[DIMENSIONS];
        for (int d = 0; d < DIMENSIONS; d++) {
            v[d] = (float) random.nextGaussian();
        }
        return Embedder.normalised(v);
    }
}
