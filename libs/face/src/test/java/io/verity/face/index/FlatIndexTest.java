package io.verity.face.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.verity.face.pipeline.Embedder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FlatIndexTest {

    private final Random random = new Random(7);

    private float[] randomUnitVector() {
        float[] v = new float[512];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return Embedder.normalised(v);
    }

    @Test
    void findsExactlyTheBruteForceTopKAcrossBlocks() {
        FlatIndex<Integer> index = new FlatIndex<>(512);
        List<float[]> vectors = new ArrayList<>();
        for (int i = 0; i < 40_000; i++) { // more than two blocks of 16,384
            float[] v = randomUnitVector();
            vectors.add(v);
            index.put(i, v);
        }
        float[] query = vectors.get(31_337).clone();
        query[0] += 0.05f;
        query = Embedder.normalised(query);

        List<FlatIndex.Hit<Integer>> hits = index.search(query, 10, -1f);

        final float[] q = query;
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < vectors.size(); i++) {
            expected.add(i);
        }
        expected.sort(Comparator.comparingDouble((Integer i) -> Embedder.cosine(vectors.get(i), q)).reversed());
        assertThat(hits).extracting(FlatIndex.Hit::key).containsExactlyElementsOf(expected.subList(0, 10));
        assertThat(hits.get(0).key()).isEqualTo(31_337);
        assertThat(hits.get(0).similarity()).isCloseTo(Embedder.cosine(vectors.get(31_337), q), org.assertj.core.data.Offset.offset(1e-4f));
    }

    @Test
    void appliesTheThresholdAndHonoursRemovalAndReplacement() {
        FlatIndex<String> index = new FlatIndex<>(512);
        float[] alice = randomUnitVector();
        float[] bob = randomUnitVector();
        float[] carol = randomUnitVector();
        index.put("alice", alice);
        index.put("bob", bob);
        index.put("carol", carol);

        assertThat(index.search(alice, 5, 0.9f)).extracting(FlatIndex.Hit::key).containsExactly("alice");
        assertThat(index.remove("alice")).isTrue();
        assertThat(index.remove("alice")).isFalse();
        assertThat(index.size()).isEqualTo(2);
        assertThat(index.search(alice, 5, 0.9f)).isEmpty();
        // carol moved into alice's slot: still found, under her own key
        assertThat(index.search(carol, 1, 0.9f)).extracting(FlatIndex.Hit::key).containsExactly("carol");

        index.put("bob", alice); // replace bob's template
        assertThat(index.size()).isEqualTo(2);
        assertThat(index.search(alice, 1, 0.9f)).extracting(FlatIndex.Hit::key).containsExactly("bob");
        assertThat(index.search(bob, 1, 0.9f)).isEmpty();
    }

    @Test
    void emptiesAndRefillsAcrossABlockBoundary() {
        FlatIndex<Integer> index = new FlatIndex<>(512);
        for (int i = 0; i < 16_385; i++) {
            index.put(i, randomUnitVector());
        }
        for (int i = 0; i < 16_385; i++) {
            assertThat(index.remove(i)).isTrue();
        }
        assertThat(index.size()).isZero();
        float[] v = randomUnitVector();
        index.put(1, v);
        assertThat(index.search(v, 3, 0f)).extracting(FlatIndex.Hit::key).containsExactly(1);
    }

    @Test
    void aGalleryOfOneTemplateCostsKilobytesAndAnEmptyOneNothing() {
        FlatIndex<Integer> index = new FlatIndex<>(512);
        index.put(1, randomUnitVector());
        assertThat(index.vectorBytes()).isLessThan(16 * 1024);
        for (int i = 2; i <= 5_000; i++) {
            index.put(i, randomUnitVector());
        }
        long full = index.vectorBytes();
        assertThat(full).isBetween(5_000L * 512 * 4, 2 * 5_000L * 512 * 4);
        for (int i = 2; i <= 5_000; i++) {
            index.remove(i);
        }
        assertThat(index.vectorBytes()).as("blocks shrink as the gallery empties").isLessThan(16 * 1024);
        index.remove(1);
        assertThat(index.vectorBytes()).isZero();
    }

    @Test
    void int8TemplatesFindTheSameTopTenAsFloatsWithScoresWithinATenThousandth() {
        FlatIndex<Integer> exact = new FlatIndex<>(512);
        FlatIndex<Integer> compact = new FlatIndex<>(512, FlatIndex.Encoding.INT8);
        for (int i = 0; i < 20_000; i++) {
            float[] v = randomUnitVector();
            exact.put(i, v);
            compact.put(i, v);
        }
        for (int q = 0; q < 10; q++) {
            float[] query = randomUnitVector();
            List<FlatIndex.Hit<Integer>> truth = exact.search(query, 10, -1f);
            List<FlatIndex.Hit<Integer>> approx = compact.search(query, 10, -1f);
            assertThat(approx).extracting(FlatIndex.Hit::key).containsExactlyElementsOf(truth.stream().map(FlatIndex.Hit::key).toList());
            for (int i = 0; i < 10; i++) {
                assertThat(approx.get(i).similarity()).isCloseTo(truth.get(i).similarity(), org.assertj.core.data.Offset.offset(1e-4f));
            }
        }
        assertThat(compact.vectorBytes()).isLessThan(exact.vectorBytes() * 6 / 10);
        // removal and the threshold work as for floats
        float[] v = randomUnitVector();
        compact.put(-1, v);
        assertThat(compact.search(v, 1, 0.99f)).extracting(FlatIndex.Hit::key).containsExactly(-1);
        assertThat(compact.remove(-1)).isTrue();
        assertThat(compact.search(v, 1, 0.99f)).isEmpty();
    }
}
