package io.verity.face.index;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Compact templates in two signed-byte codes with a per-vector scale {@code s = max|v| / 127}:
 * {@code v ≈ s·code + (s/254)·residual}. A search scans only the codes (a quarter of the float bytes) with the query
 * kept in floats, keeps the best {@value #SHORTLIST_FACTOR}×k, and re-scores that shortlist with the residuals too,
 * which brings the scores to within 10⁻⁵ of the exact ones. The codes alone err by about 4·10⁻⁴, enough to swap
 * neighbours among a million random vectors (recall@10 0.97 without the second step, measured by
 * {@code bin/verity bench galleries}); storage is half of float32.
 */
final class Int8Rows extends Rows<Int8Rows.Block> {

    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;
    /** As many byte lanes as float lanes, so one byte load widens to exactly one float vector. */
    private static final VectorSpecies<Byte> BYTES = VectorSpecies.of(byte.class, VectorShape.forBitSize(FLOATS.length() * 8));
    private static final int SHORTLIST_FACTOR = 4;
    private static final int MIN_SHORTLIST = 40;
    /** How far below the threshold a code-only score may be and still reach the shortlist. */
    private static final float CODE_ERROR_SLACK = 0.01f;

    record Block(byte[] codes, byte[] residuals, float[] scales) {
    }

    Int8Rows(int dimensions) {
        super(dimensions);
    }

    @Override
    Block allocate(int rows) {
        return new Block(new byte[rows * dimensions], new byte[rows * dimensions], new float[rows]);
    }

    @Override
    void copy(Block from, Block to, int rows) {
        System.arraycopy(from.codes(), 0, to.codes(), 0, rows * dimensions);
        System.arraycopy(from.residuals(), 0, to.residuals(), 0, rows * dimensions);
        System.arraycopy(from.scales(), 0, to.scales(), 0, rows);
    }

    @Override
    long bytes(int rows) {
        return 3 * 16L + 2L * rows * dimensions + (long) rows * Float.BYTES;
    }

    @Override
    void write(Block block, int row, float[] vector) {
        float max = 0;
        for (float x : vector) {
            max = Math.max(max, Math.abs(x));
        }
        float scale = max == 0 ? 1 : max / 127f;
        float fine = scale / 254f;
        int base = row * dimensions;
        for (int i = 0; i < dimensions; i++) {
            int code = Math.round(vector[i] / scale);
            block.codes()[base + i] = (byte) code;
            block.residuals()[base + i] = (byte) Math.round((vector[i] - code * scale) / fine);
        }
        block.scales()[row] = scale;
    }

    @Override
    void copyRow(Block from, int fromRow, Block to, int toRow) {
        System.arraycopy(from.codes(), fromRow * dimensions, to.codes(), toRow * dimensions, dimensions);
        System.arraycopy(from.residuals(), fromRow * dimensions, to.residuals(), toRow * dimensions, dimensions);
        to.scales()[toRow] = from.scales()[fromRow];
    }

    @Override
    float[] read(Block block, int row) {
        float scale = block.scales()[row];
        float[] v = new float[dimensions];
        for (int i = 0; i < dimensions; i++) {
            int at = row * dimensions + i;
            v[i] = block.codes()[at] * scale + block.residuals()[at] * (scale / 254f);
        }
        return v;
    }

    @Override
    TopK best(int rows, float[] query, int k, float minSimilarity) {
        TopK shortlist = new TopK(Math.max(SHORTLIST_FACTOR * k, MIN_SHORTLIST), minSimilarity - CODE_ERROR_SLACK);
        scoreAll(rows, query, shortlist);
        TopK top = new TopK(k, minSimilarity);
        for (int i = 0; i < shortlist.size(); i++) {
            int slot = shortlist.row(i);
            Block block = blocks.get(slot / ROWS_PER_BLOCK);
            int row = slot % ROWS_PER_BLOCK;
            float fine = dot(block.residuals(), row * dimensions, query) * block.scales()[row] / 254f;
            top.offer(slot, shortlist.score(i) + fine);
        }
        return top;
    }

    @Override
    void score(Block block, int rows, float[] query, int firstRow, TopK top) {
        for (int r = 0; r < rows; r++) {
            top.offer(firstRow + r, dot(block.codes(), r * dimensions, query) * block.scales()[r]);
        }
    }

    private float dot(byte[] codes, int base, float[] query) {
        int step = FLOATS.length();
        FloatVector a0 = FloatVector.zero(FLOATS);
        FloatVector a1 = FloatVector.zero(FLOATS);
        int i = 0;
        for (; i + 2 * step <= dimensions; i += 2 * step) {
            a0 = widen(codes, base + i).fma(FloatVector.fromArray(FLOATS, query, i), a0);
            a1 = widen(codes, base + i + step).fma(FloatVector.fromArray(FLOATS, query, i + step), a1);
        }
        for (; i < dimensions; i += step) {
            a0 = widen(codes, base + i).fma(FloatVector.fromArray(FLOATS, query, i), a0);
        }
        return a0.add(a1).reduceLanes(VectorOperators.ADD);
    }

    private static FloatVector widen(byte[] codes, int offset) {
        return (FloatVector) ByteVector.fromArray(BYTES, codes, offset).convertShape(VectorOperators.B2F, FLOATS, 0);
    }
}
