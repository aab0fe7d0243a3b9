package io.verity.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import io.verity.face.FaceEngineConfig;
import io.verity.weights.domain.SystemDefaults;
import org.junit.jupiter.api.Test;

/** The default face tolerances are the face engine's measured match threshold, as a cosine distance. */
class FaceToleranceTest {

    @Test
    void defaultFaceToleranceIsOneMinusTheMatchersThreshold() {
        assertThat(SystemDefaults.FACE_ENCODING_TOLERANCE)
                .isCloseTo(1.0 - FaceEngineConfig.defaults().matchThreshold(), offset(1e-6));
    }
}
