package io.verity.face.index;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Exact 1:N search over L2-normalised embeddings: every template is scored (dot product = cosine similarity) and the
 * best {@code k} above a threshold are kept. Vectors lie contiguously in fixed-size blocks, so a search streams
 * memory front to back with SIMD, and growing never copies what is there. Searches run in parallel; adding and
 * removing take a write lock. Removal moves the last template into the freed slot.
 *
 * @param <K> the template's key (its id in the database)
 */
public final class FlatIndex<K> {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int ROWS_PER_BLOCK = 16_384;

    /** One search result: the template's key and its cosine similarity to the query. */
    public record Hit<K>(K key, float similarity) {
    }

    private final int dimensions;
    private final List<float[]> blocks = new ArrayList<>();
    private final List<K> keys = new ArrayList<>();
    private final Map<K, Integer> slots = new HashMap<>();
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

    public FlatIndex(int dimensions) {
        if (dimensions % SPECIES.length() != 0) {
            throw new IllegalArgumentException("dimensions must be a multiple of " + SPECIES.length());
        }
        this.dimensions = dimensions;
    }

    public int dimensions() {
        return dimensions;
    }

    public int size() {
        lock.readLock().lock();
        try {
            return keys.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    public boolean contains(K key) {
        lock.readLock().lock();
        try {
            return slots.containsKey(key);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Adds or replaces the template of {@code key}. */
    public void put(K key, float[] vector) {
        if (vector.length != dimensions) {
            throw new IllegalArgumentException("expected " + dimensions + " dimensions, got " + vector.length);
        }
        lock.writeLock().lock();
        try {
            Integer slot = slots.get(key);
            if (slot == null) {
                slot = keys.size();
                if (slot % ROWS_PER_BLOCK == 0 && slot / ROWS_PER_BLOCK == blocks.size()) {
                    blocks.add(new float[ROWS_PER_BLOCK * dimensions]);
                }
                keys.add(key);
                slots.put(key, slot);
            }
            write(slot, vector);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Removes the template of {@code key}; false if there was none. */
    public boolean remove(K key) {
        lock.writeLock().lock();
        try {
            Integer slot = slots.remove(key);
            if (slot == null) {
                return false;
            }
            int last = keys.size() - 1;
            if (slot != last) {
                K moved = keys.get(last);
                float[] block = blocks.get(last / ROWS_PER_BLOCK);
                write(slot, Arrays.copyOfRange(block, (last % ROWS_PER_BLOCK) * dimensions,
                        (last % ROWS_PER_BLOCK + 1) * dimensions));
                keys.set(slot, moved);
                slots.put(moved, slot);
            }
            keys.remove(last);
            if (last % ROWS_PER_BLOCK == 0) {
                blocks.remove(blocks.size() - 1);
            }
            return true;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** The {@code k} most similar templates with similarity ≥ {@code minSimilarity}, best first. */
    public List<Hit<K>> search(float[] query, int k, float minSimilarity) {
        if (query.length != dimensions) {
            throw new IllegalArgumentException("expected " + dimensions + " dimensions, got " + query.length);
        }
        lock.readLock().lock();
        try {
            TopK top = new TopK(k, minSimilarity);
            int rows = keys.size();
            for (int b = 0; b < blocks.size(); b++) {
                float[] block = blocks.get(b);
                int rowsHere = Math.min(ROWS_PER_BLOCK, rows - b * ROWS_PER_BLOCK);
                scoreBlock(block, rowsHere, query, b * ROWS_PER_BLOCK, top);
            }
            return top.hits(keys);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Copies every template, in slot order, into {@code target} (the benchmark streams the same bytes). */
    public void copyTo(float[] target) {
        lock.readLock().lock();
        try {
            int rows = keys.size();
            for (int b = 0; b < blocks.size(); b++) {
                int rowsHere = Math.min(ROWS_PER_BLOCK, rows - b * ROWS_PER_BLOCK);
                System.arraycopy(blocks.get(b), 0, target, b * ROWS_PER_BLOCK * dimensions, rowsHere * dimensions);
            }
        } finally {
            lock.readLock().unlock();
        }
    }

    private void scoreBlock(float[] block, int rows, float[] query, int firstRow, TopK top) {
        int step = SPECIES.length();
        for (int r = 0; r < rows; r++) {
            int base = r * dimensions;
            // Four independent accumulators keep the FMA units busy; the loop is bound by memory, not arithmetic.
            FloatVector a0 = FloatVector.zero(SPECIES);
            FloatVector a1 = FloatVector.zero(SPECIES);
            FloatVector a2 = FloatVector.zero(SPECIES);
            FloatVector a3 = FloatVector.zero(SPECIES);
            int i = 0;
            for (; i + 4 * step <= dimensions; i += 4 * step) {
                a0 = FloatVector.fromArray(SPECIES, block, base + i).fma(FloatVector.fromArray(SPECIES, query, i), a0);
                a1 = FloatVector.fromArray(SPECIES, block, base + i + step)
                        .fma(FloatVector.fromArray(SPECIES, query, i + step), a1);
                a2 = FloatVector.fromArray(SPECIES, block, base + i + 2 * step)
                        .fma(FloatVector.fromArray(SPECIES, query, i + 2 * step), a2);
                a3 = FloatVector.fromArray(SPECIES, block, base + i + 3 * step)
                        .fma(FloatVector.fromArray(SPECIES, query, i + 3 * step), a3);
            }
            for (; i < dimensions; i += step) {
                a0 = FloatVector.fromArray(SPECIES, block, base + i).fma(FloatVector.fromArray(SPECIES, query, i), a0);
            }
            float score = a0.add(a1).add(a2).add(a3).reduceLanes(VectorOperators.ADD);
            top.offer(firstRow + r, score);
        }
    }

    private void write(int slot, float[] vector) {
        System.arraycopy(vector, 0, blocks.get(slot / ROWS_PER_BLOCK), (slot % ROWS_PER_BLOCK) * dimensions, dimensions);
    }

    /** A bounded min-heap of (row, score): the k best rows seen so far. */
    private static final class TopK {
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

        <K> List<Hit<K>> hits(List<K> keys) {
            List<Hit<K>> out = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                out.add(new Hit<>(keys.get(rows[i]), scores[i]));
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
}
