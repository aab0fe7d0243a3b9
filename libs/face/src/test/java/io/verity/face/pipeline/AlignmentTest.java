package io.verity.face.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import io.verity.face.tensor.Affine;
import org.junit.jupiter.api.Test;

class AlignmentTest {

    @Test
    void recoversAKnownSimilarityTransformExactly() {
        // Move the reference points by a rotation of 20°, scale 2.5 and a shift; aligning them must undo it.
        double angle = Math.toRadians(20);
        double scale = 2.5;
        double[][] moved = new double[5][];
        for (int i = 0; i < 5; i++) {
            double x = Alignment.REFERENCE[i][0];
            double y = Alignment.REFERENCE[i][1];
            moved[i] = new double[] {
                scale * (Math.cos(angle) * x - Math.sin(angle) * y) + 300,
                scale * (Math.sin(angle) * x + Math.cos(angle) * y) + 120,
            };
        }
        Affine toReference = Alignment.toReference(moved);
        for (int i = 0; i < 5; i++) {
            assertThat(toReference.x(moved[i][0], moved[i][1])).isCloseTo(Alignment.REFERENCE[i][0], offset(1e-6));
            assertThat(toReference.y(moved[i][0], moved[i][1])).isCloseTo(Alignment.REFERENCE[i][1], offset(1e-6));
        }
        Affine back = toReference.inverse();
        assertThat(back.x(Alignment.REFERENCE[2][0], Alignment.REFERENCE[2][1])).isCloseTo(moved[2][0], offset(1e-6));
    }

    @Test
    void neverReflects() {
        // Mirrored points: the best similarity (no reflection) cannot map them exactly, and its determinant stays positive.
        double[][] mirrored = new double[5][];
        for (int i = 0; i < 5; i++) {
            mirrored[i] = new double[] {112 - Alignment.REFERENCE[i][0], Alignment.REFERENCE[i][1]};
        }
        Affine t = Alignment.toReference(mirrored);
        assertThat(t.a() * t.e() - t.b() * t.d()).isPositive();
    }
}
