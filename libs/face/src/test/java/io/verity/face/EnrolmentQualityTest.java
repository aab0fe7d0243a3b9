package io.verity.face;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.verity.face.image.RgbImage;
import io.verity.face.tools.Degrade;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Enrolment refuses photos that would make templates that miss their person (limits measured by
 * {@code bin/verity eval-quality}), and the limits do not turn away ordinary photos.
 */
class EnrolmentQualityTest {

    static FaceEngine engine;

    @BeforeAll
    static void load() {
        engine = new FaceEngine(FaceEngineConfig.defaults());
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    private static Face enrolmentFace(RgbImage image) {
        return engine.analyze(image, FaceEngine.Detail.ENROL).single();
    }

    @Test
    void aSharpFrontalPortraitIsEnrollableAndItsDefocusedCopyIsNot() {
        RgbImage portrait = engine.decode(TestImages.face("obama/obama-1.jpg"));
        Face sharp = enrolmentFace(portrait);
        engine.requireEnrollable(sharp);

        float sigma = 3f * sharp.quality().faceSize() / 112f; // 3 pixels of the aligned face
        Face blurred = enrolmentFace(Degrade.blur(portrait, sigma));
        assertThat(blurred.quality().sharpness()).isLessThan(engine.config().minEnrolSharpness());
        assertThatThrownBy(() -> engine.requireEnrollable(blurred)).isInstanceOf(FaceRefusal.class)
                .extracting(e -> ((FaceRefusal) e).reason()).isEqualTo(FaceRefusal.Reason.FACE_TOO_BLURRED);
    }

    @Test
    void aFaceTurnedFarToTheSideIsRefused() {
        Path turned = TestImages.shared().resolve("data/faces-calibration/cf-e2e-person-h/cf-e2e-person-h-1.jpg");
        Face face = enrolmentFace(engine.decode(TestImages.read(turned)));
        assertThat(Math.abs(face.quality().yaw())).isGreaterThan(engine.config().maxEnrolYaw());
        assertThatThrownBy(() -> engine.requireEnrollable(face)).isInstanceOf(FaceRefusal.class)
                .extracting(e -> ((FaceRefusal) e).reason()).isEqualTo(FaceRefusal.Reason.FACE_TURNED_TOO_FAR);
    }

    @Test
    void matchingDetailCannotBeCheckedForEnrolment() {
        Face face = engine.analyze(TestImages.face("obama/obama-1.jpg"), FaceEngine.Detail.MATCH).single();
        assertThatThrownBy(() -> engine.requireEnrollable(face)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ordinaryPhotosPassTheLimits() throws Exception {
        List<String> refused = new ArrayList<>();
        int analysed = 0;
        try (Stream<Path> files = Files.list(TestImages.shared().resolve("data/faces"))) {
            for (Path person : files.filter(Files::isDirectory).filter(d -> !d.getFileName().toString().equals("group")).toList()) {
                try (Stream<Path> photos = Files.list(person)) {
                    for (Path photo : photos.sorted().toList()) {
                        analysed++;
                        try {
                            engine.requireEnrollable(enrolmentFace(engine.decode(TestImages.read(photo))));
                        } catch (FaceRefusal refusal) {
                            refused.add(photo.getFileName() + " " + refusal.reason().code());
                        }
                    }
                }
            }
        }
        assertThat(analysed).isGreaterThan(15);
        assertThat(refused).isEmpty();
    }
}
