package io.verity.face.index;

import java.util.ArrayList;
import java.util.List;

/** A bounded min-heap of (row, score): the k best rows seen so far. */
final class TopK {
    private final int k;
    private final int[] rows;
    private final float[] scores;
    private int size;
    private float floor;

    TopK(int k, float minSimilarity) {
        this.k = Math.max(1, k);
        this.rows = new int[this.k];
        this.scores = new float[this.k];
        this.floor = minSimilarity;
    }

    void offer(int row, float score) {
        if (score < floor) {
            return;
        }
        if (size < k) {
            rows[size] = row;
            scores[size] = score;
            siftUp(size++);
        } else {
            rows[0] = row;
            scores[0] = score;
            siftDown(0);
        }
        if (size == k) {
            floor = Math.max(floor, Math.nextUp(scores[0]));
        }
    }

    int size() {
        return size;
    }

    int row(int i) {
        return rows[i];
    }

    float score(int i) {
        return scores[i];
    }

    <K> List<FlatIndex.Hit<K>> hits(List<K> keys) {
        List<FlatIndex.Hit<K>> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            out.add(new FlatIndex.Hit<>(keys.get(rows[i]), scores[i]));
        }
        out.sort((x, y) -> Float.compare(y.similarity(), x.similarity()));
        return out;
    }

    private void siftUp(int i) {
        while (i > 0) {
            int parent = (i - 1) / 2;
            if (scores[parent] <= scores[i]) {
                return;
            }
            swap(i, parent);
            i = parent;
        }
    }

    private void siftDown(int i) {
        while (true) {
            int l = 2 * i + 1;
            int r = l + 1;
            int smallest = i;
            if (l < size && scores[l] < scores[smallest]) {
                smallest = l;
            }
            if (r < size && scores[r] < scores[smallest]) {
                smallest = r;
            }
            if (smallest == i) {
                return;
            }
            swap(i, smallest);
            i = smallest;
        }
    }

    private void swap(int a, int b) {
        int row = rows[a];
        rows[a] = rows[b];
        rows[b] = row;
        float score = scores[a];
        scores[a] = scores[b];
        scores[b] = score;
    }
}
