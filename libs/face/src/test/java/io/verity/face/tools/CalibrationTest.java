package io.verity.face.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.verity.face.FaceEngine;
import io.verity.face.FaceEngineConfig;
import io.verity.face.TestImages;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The matcher's bar on 57 people it was not built on (faces-calibration, about 35,000 pairs): the default threshold
 * is the one the calibration rule picks, and at it accuracy and the true-accept rate at FAR 0.1% meet the targets.
 */
class CalibrationTest {

    @Test
    void theDefaultThresholdIsTheCalibratedOneAndMeetsTheTargets() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        FaceEvaluation.Result result;
        float threshold;
        try (FaceEngine engine = new FaceEngine(FaceEngineConfig.defaults());
                PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
            threshold = engine.config().matchThreshold();
            result = FaceEvaluation.evaluate(engine, TestImages.shared().resolve("data/faces-calibration"), out);
        }
        assertThat(result.impostorPairs()).isGreaterThan(30_000);
        assertThat(result.refused()).isLessThanOrEqualTo(2);
        assertThat(result.calibratedThreshold()).isEqualTo(threshold);
        assertThat(result.accuracy()).isGreaterThanOrEqualTo(0.995);
        assertThat(result.tarAtFar001()).isGreaterThanOrEqualTo(0.97);

        List<String> lines = printed.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).anyMatch(l -> l.startsWith("DET table"))
                .anyMatch(l -> l.startsWith(String.format("*%.2f", threshold)))
                .anyMatch(l -> l.startsWith("calibrated threshold: "));
        assertThat(lines.get(lines.size() - 1)).matches("accuracy=0\\.99\\d\\d tar_at_far_0\\.001=0\\.9[789]\\d\\d pairs=\\d+");
    }
}
