package io.verity.face.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rule that turns accept rates per bin into an enrolment limit. */
class QualityEvaluationTest {

    private static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

    /** {@code count} probes at {@code value}, each with 10 same-person similarities of which {@code accepted} pass 0.41. */
    private static List<QualityEvaluation.Probe> probes(int count, float value, int accepted) {
        List<QualityEvaluation.Probe> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            float[] similarities = new float[10];
            for (int k = 0; k < 10; k++) {
                similarities[k] = k < accepted ? 0.7f : 0.2f;
            }
            out.add(new QualityEvaluation.Probe(value, value, value, similarities));
        }
        return out;
    }

    @Test
    void aLowerLimitIsTheBottomOfTheUnbrokenRunOfPassingBinsFromTheTop() {
        List<QualityEvaluation.Probe> probes = new ArrayList<>();
        probes.addAll(probes(10, 5, 5));   // bin [0, 10): 50%
        probes.addAll(probes(10, 15, 10)); // bin [10, 20): 100%
        probes.addAll(probes(10, 25, 8));  // bin [20, 30): 80%, fails at 0.9
        probes.addAll(probes(10, 35, 10)); // bin [30, 40): 100%
        probes.addAll(probes(10, 45, 9));  // bin [40, …): 90%
        double limit = QualityEvaluation.limit(QUIET, "t", probes, QualityEvaluation.Probe::sharpness,
                new double[] {0, 10, 20, 30, 40}, 0.41f, 0.9, true);
        assertThat(limit).isEqualTo(30);
    }

    @Test
    void anUpperLimitStopsAtTheFirstFailingOrUnmeasuredBin() {
        List<QualityEvaluation.Probe> probes = new ArrayList<>();
        probes.addAll(probes(10, 5, 10));
        probes.addAll(probes(10, 15, 10));
        probes.addAll(probes(2, 25, 10)); // 20 pairs: too few to judge, so the limit stops below it
        probes.addAll(probes(10, 35, 10));
        double limit = QualityEvaluation.limit(QUIET, "t", probes, p -> p.yaw(), new double[] {0, 10, 20, 30}, 0.41f, 0.9, false);
        assertThat(limit).isEqualTo(20);
    }
}
