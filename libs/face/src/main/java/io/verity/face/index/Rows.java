package io.verity.face.index;

import java.util.ArrayList;
import java.util.List;

/**
 * The template vectors of one index, by slot, in blocks that grow and shrink with the index: the last block starts at
 * {@value #MIN_ROWS} rows and doubles up to {@value #ROWS_PER_BLOCK}, after which a new block starts small again; it
 * halves when it is a quarter full, and an empty index holds no block at all. So a gallery of one template costs a few
 * kilobytes, and a large one grows without copying what its full blocks hold.
 *
 * @param <B> one block's storage
 */
abstract sealed class Rows<B> permits FloatRows, Int8Rows {

    static final int ROWS_PER_BLOCK = 16_384;
    static final int MIN_ROWS = 4;

    final int dimensions;
    final List<B> blocks = new ArrayList<>();
    private int lastCapacity;

    Rows(int dimensions) {
        this.dimensions = dimensions;
    }

    /** A block of {@code rows} rows. */
    abstract B allocate(int rows);

    /** Copies the first {@code rows} rows of one block into another. */
    abstract void copy(B from, B to, int rows);

    /** Heap bytes a block of {@code rows} rows takes (arrays only). */
    abstract long bytes(int rows);

    /** Stores {@code vector} (L2-normalised) at row {@code row} of {@code block}. */
    abstract void write(B block, int row, float[] vector);

    /** Copies one row to another place. */
    abstract void copyRow(B from, int fromRow, B to, int toRow);

    /** Scores rows {@code 0..rows-1} of a block against the query; row r is reported as {@code firstRow + r}. */
    abstract void score(B block, int rows, float[] query, int firstRow, TopK top);

    /** The vector at a slot, decoded (for copies and tests). */
    abstract float[] read(B block, int row);

    final int capacity() {
        return blocks.isEmpty() ? 0 : (blocks.size() - 1) * ROWS_PER_BLOCK + lastCapacity;
    }

    /** Heap bytes of the vectors' storage, capacity included. */
    final long allocatedBytes() {
        return blocks.isEmpty() ? 0 : (blocks.size() - 1) * bytes(ROWS_PER_BLOCK) + bytes(lastCapacity);
    }

    final void ensureCapacity(int rows) {
        while (capacity() < rows) {
            if (blocks.isEmpty() || lastCapacity == ROWS_PER_BLOCK) {
                blocks.add(allocate(MIN_ROWS));
                lastCapacity = MIN_ROWS;
            } else {
                resizeLast(Math.min(ROWS_PER_BLOCK, lastCapacity * 2));
            }
        }
    }

    /** Releases storage that {@code rows} rows no longer need. */
    final void trimTo(int rows) {
        if (rows == 0) {
            blocks.clear();
            lastCapacity = 0;
            return;
        }
        int neededBlocks = (rows - 1) / ROWS_PER_BLOCK + 1;
        while (blocks.size() > neededBlocks) {
            blocks.remove(blocks.size() - 1);
            lastCapacity = ROWS_PER_BLOCK;
        }
        int rowsInLast = rows - (blocks.size() - 1) * ROWS_PER_BLOCK;
        while (lastCapacity > MIN_ROWS && rowsInLast <= lastCapacity / 4) {
            resizeLast(lastCapacity / 2);
        }
    }

    private void resizeLast(int newCapacity) {
        B old = blocks.get(blocks.size() - 1);
        B resized = allocate(newCapacity);
        copy(old, resized, Math.min(lastCapacity, newCapacity));
        blocks.set(blocks.size() - 1, resized);
        lastCapacity = newCapacity;
    }

    final void write(int slot, float[] vector) {
        write(blocks.get(slot / ROWS_PER_BLOCK), slot % ROWS_PER_BLOCK, vector);
    }

    final void move(int from, int to) {
        copyRow(blocks.get(from / ROWS_PER_BLOCK), from % ROWS_PER_BLOCK, blocks.get(to / ROWS_PER_BLOCK), to % ROWS_PER_BLOCK);
    }

    final float[] read(int slot) {
        return read(blocks.get(slot / ROWS_PER_BLOCK), slot % ROWS_PER_BLOCK);
    }

    /** The best {@code k} of the first {@code rows} slots with score ≥ {@code minSimilarity}. */
    TopK best(int rows, float[] query, int k, float minSimilarity) {
        TopK top = new TopK(k, minSimilarity);
        scoreAll(rows, query, top);
        return top;
    }

    final void scoreAll(int rows, float[] query, TopK top) {
        for (int b = 0; b < blocks.size(); b++) {
            int rowsHere = Math.min(ROWS_PER_BLOCK, rows - b * ROWS_PER_BLOCK);
            if (rowsHere > 0) {
                score(blocks.get(b), rowsHere, query, b * ROWS_PER_BLOCK, top);
            }
        }
    }
}
