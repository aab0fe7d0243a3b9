package io.verity.face.index;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** Templates as 32-bit floats: exact scores, 4 bytes a dimension. */
final class FloatRows extends Rows<float[]> {

    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

    FloatRows(int dimensions) {
        super(dimensions);
    }

    @Override
    float[] allocate(int rows) {
        return new float[rows * dimensions];
    }

    @Override
    void copy(float[] from, float[] to, int rows) {
        System.arraycopy(from, 0, to, 0, rows * dimensions);
    }

    @Override
    long bytes(int rows) {
        return 16L + (long) rows * dimensions * Float.BYTES;
    }

    @Override
    void write(float[] block, int row, float[] vector) {
        System.arraycopy(vector, 0, block, row * dimensions, dimensions);
    }

    @Override
    void copyRow(float[] from, int fromRow, float[] to, int toRow) {
        System.arraycopy(from, fromRow * dimensions, to, toRow * dimensions, dimensions);
    }

    @Override
    float[] read(float[] block, int row) {
        float[] v = new float[dimensions];
        System.arraycopy(block, row * dimensions, v, 0, dimensions);
        return v;
    }

    @Override
    void score(float[] block, int rows, float[] query, int firstRow, TopK top) {
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
            top.offer(firstRow + r, a0.add(a1).add(a2).add(a3).reduceLanes(VectorOperators.ADD));
        }
    }
}
