package io.verity.face.index;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Exact 1:N search over L2-normalised embeddings: every template is scored (dot product = cosine similarity) and the
 * best {@code k} above a threshold are kept. Vectors lie contiguously in blocks that grow and shrink with the index
 * ({@link Rows}), so a search streams memory front to back with SIMD and a small gallery costs little. Searches run in
 * parallel; adding and removing take a write lock. Removal moves the last template into the freed slot.
 *
 * <p>{@link Encoding#INT8} scans a quarter of the bytes and holds half of them ({@link Int8Rows}; docs/face-engine.md
 * has recall and speed).
 *
 * @param <K> the template's key (its id in the database)
 */
public final class FlatIndex<K> {

    /** How templates are stored: exact floats, or signed bytes with a per-vector scale. */
    public enum Encoding { FLOAT32, INT8 }

    /** One search result: the template's key and its cosine similarity to the query. */
    public record Hit<K>(K key, float similarity) {
    }

    private final int dimensions;
    private final Encoding encoding;
    private final Rows<?> rows;
    private final ArrayList<K> keys = new ArrayList<>(0);
    private final Map<K, Integer> slots = new HashMap<>(2);
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

    public FlatIndex(int dimensions) {
        this(dimensions, Encoding.FLOAT32);
    }

    public FlatIndex(int dimensions, Encoding encoding) {
        if (dimensions % FloatRows.SPECIES.length() != 0) {
            throw new IllegalArgumentException("dimensions must be a multiple of " + FloatRows.SPECIES.length());
        }
        this.dimensions = dimensions;
        this.encoding = encoding;
        this.rows = encoding == Encoding.INT8 ? new Int8Rows(dimensions) : new FloatRows(dimensions);
    }

    public int dimensions() {
        return dimensions;
    }

    public Encoding encoding() {
        return encoding;
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

    /** Heap bytes that the stored vectors take, unused capacity included (keys not counted). */
    public long vectorBytes() {
        lock.readLock().lock();
        try {
            return rows.allocatedBytes();
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
                rows.ensureCapacity(slot + 1);
                keys.add(key);
                slots.put(key, slot);
            }
            rows.write(slot, vector);
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
                rows.move(last, slot);
                K moved = keys.get(last);
                keys.set(slot, moved);
                slots.put(moved, slot);
            }
            keys.remove(last);
            rows.trimTo(keys.size());
            if (keys.isEmpty()) {
                keys.trimToSize();
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
            return rows.best(keys.size(), query, k, minSimilarity).hits(keys);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Every template, in slot order, decoded to floats (the benchmark streams the same bytes). */
    public float[] toArray() {
        lock.readLock().lock();
        try {
            float[] all = new float[keys.size() * dimensions];
            for (int slot = 0; slot < keys.size(); slot++) {
                System.arraycopy(rows.read(slot), 0, all, slot * dimensions, dimensions);
            }
            return all;
        } finally {
            lock.readLock().unlock();
        }
    }
}
