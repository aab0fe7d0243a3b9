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

/** The acceptance bar of the face engine: on the project's photos every same-person pair beats every impostor pair. */
class FaceEvaluationTest {

    @Test
    void separatesEverySamePersonPairFromEveryDifferentPersonPairAtTheDefaultThreshold() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        FaceEvaluation.Result result;
        try (FaceEngine engine = new FaceEngine(FaceEngineConfig.defaults());
                PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
            result = FaceEvaluation.evaluate(engine, TestImages.shared().resolve("data/faces"), out);
            assertThat(result.lowestGenuine()).isGreaterThan(engine.config().matchThreshold());
            assertThat(result.highestImpostor()).isLessThan(engine.config().matchThreshold());
        }
        assertThat(result.genuinePairs()).isGreaterThanOrEqualTo(40);
        assertThat(result.impostorPairs()).isGreaterThanOrEqualTo(100);
        assertThat(result.accuracy()).isEqualTo(1.0);
        assertThat(result.tarAtFar001()).isEqualTo(1.0);

        List<String> lines = printed.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines.get(lines.size() - 1)).matches("accuracy=1\\.0000 tar_at_far_0\\.001=1\\.0000 pairs=\\d+");
        assertThat(lines).anyMatch(l -> l.startsWith("same-person pairs: "))
                .anyMatch(l -> l.startsWith("lowest same-person similarity: "))
                .anyMatch(l -> l.startsWith("true-accept rate at false-accept rate 1%: "));
    }
}
