package io.verity.face;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.verity.face.FaceRefusal.Reason;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The pipeline end to end on real photos and the real models. */
class FaceEngineTest {

    static FaceEngine engine;

    @BeforeAll
    static void load() {
        engine = new FaceEngine(FaceEngineConfig.defaults());
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    private static float[] embedding(String photo) {
        return engine.analyze(TestImages.face(photo), FaceEngine.Detail.MATCH).subject().embedding();
    }

    @Test
    void samePersonScoresAboveTheThresholdAndDifferentPeopleBelow() {
        float threshold = engine.config().matchThreshold();
        float obama = FaceEngine.similarity(embedding("obama/obama-1.jpg"), embedding("obama/obama-4.jpg"));
        float kit = FaceEngine.similarity(embedding("kit-harington/kit-harington-1.jpg"), embedding("kit-harington/kit-harington-3.jpg"));
        float obamaBiden = FaceEngine.similarity(embedding("obama/obama-1.jpg"), embedding("biden/biden-1.jpg"));
        float kitRose = FaceEngine.similarity(embedding("kit-harington/kit-harington-1.jpg"), embedding("rose-leslie/rose-leslie-1.jpg"));
        assertThat(obama).isGreaterThan(threshold + 0.1f);
        assertThat(kit).isGreaterThan(threshold + 0.1f);
        assertThat(obamaBiden).isLessThan(threshold - 0.1f);
        assertThat(kitRose).isLessThan(threshold - 0.1f);
    }

    @Test
    void embeddingsAreUnitVectors() {
        float[] e = embedding("rose-leslie/rose-leslie-2.jpg");
        assertThat(e).hasSize(512);
        assertThat(FaceEngine.similarity(e, e)).isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-4f));
    }

    @Test
    void fullDetailReportsEveryEstimate() {
        Face face = engine.analyze(TestImages.face("obama/obama-1.jpg"), FaceEngine.Detail.FULL).single();
        assertThat(face.detectorScore()).isGreaterThan(0.9f);
        assertThat(face.landmarks()).hasSize(136);
        assertThat(face.quality().faceSize()).isGreaterThan(100);
        assertThat(face.quality().sharpness()).isPositive();
        assertThat(face.quality().yaw()).isBetween(-30f, 30f);
        assertThat(face.quality().leftEyeOpen()).isGreaterThan(0.5f);
        assertThat(face.liveness()).isBetween(0f, 1f);
        assertThat(face.attributes().gender()).isEqualTo("male");
        assertThat(face.attributes().age()).isBetween(20f, 80f);
        assertThat(face.attributes().expression()).isNotBlank();
        assertThat(engine.analyze(TestImages.face("rose-leslie/rose-leslie-1.jpg"), FaceEngine.Detail.FULL)
                .single().attributes().gender()).isEqualTo("female");
    }

    @Test
    void aGroupPhotoHasSeveralFacesClearestFirstAndIsRefusedWhereOneIsRequired() {
        Analysis group = engine.analyze(TestImages.face("group/obama-and-biden.jpg"), FaceEngine.Detail.MATCH);
        assertThat(group.faces()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(group.faces().get(0).quality().embeddingNorm()).isGreaterThanOrEqualTo(group.faces().get(1).quality().embeddingNorm());
        assertThatThrownBy(group::single).isInstanceOf(FaceRefusal.class)
                .satisfies(e -> assertThat(((FaceRefusal) e).reason()).isEqualTo(Reason.MULTIPLE_FACES));
        // Each of the two men in the photo is found: one face matches Obama's portrait, another Biden's.
        float[] obama = embedding("obama/obama-1.jpg");
        float[] biden = embedding("biden/biden-1.jpg");
        float threshold = engine.config().matchThreshold();
        assertThat(group.faces()).anySatisfy(f -> assertThat(FaceEngine.similarity(f.embedding(), obama)).isGreaterThan(threshold));
        assertThat(group.faces()).anySatisfy(f -> assertThat(FaceEngine.similarity(f.embedding(), biden)).isGreaterThan(threshold));
    }

    @Test
    void aPhotoWithoutAFaceIsRefused() {
        BufferedImage landscape = new BufferedImage(640, 480, BufferedImage.TYPE_3BYTE_BGR);
        var g = landscape.createGraphics();
        g.setPaint(new GradientPaint(0, 0, Color.CYAN, 640, 480, new Color(30, 90, 20)));
        g.fillRect(0, 0, 640, 480);
        g.dispose();
        assertThatThrownBy(() -> engine.analyze(TestImages.encode(landscape, "png"), FaceEngine.Detail.MATCH))
                .isInstanceOf(FaceRefusal.class)
                .satisfies(e -> assertThat(((FaceRefusal) e).reason()).isEqualTo(Reason.NO_FACE));
    }

    @Test
    void aFaceTooSmallToMatchIsRefusedAsSuch() {
        // obama-1.jpg shrunk to a sixth: the face is still found, but too few pixels across to match reliably.
        BufferedImage small = TestImages.scaled(TestImages.decodeWithImageIo(TestImages.face("obama/obama-1.jpg")), 1 / 6.0);
        assertThatThrownBy(() -> engine.analyze(TestImages.encode(small, "png"), FaceEngine.Detail.MATCH))
                .isInstanceOf(FaceRefusal.class)
                .satisfies(e -> assertThat(((FaceRefusal) e).reason()).isEqualTo(Reason.FACE_TOO_SMALL))
                .hasMessageContaining("pixels across");
    }

    @Test
    void theAlphaPngAndTheWebpCopyMatchTheirJpegOriginal() {
        float[] jpeg = embedding("obama/obama-2.jpg");
        float[] rgba = embedding("obama/obama-rgba.png");
        float[] webp = engine.analyze(TestImages.resource("obama-2.webp"), FaceEngine.Detail.MATCH).subject().embedding();
        assertThat(FaceEngine.similarity(jpeg, rgba)).isGreaterThan(0.9f);
        assertThat(FaceEngine.similarity(jpeg, webp)).isGreaterThan(0.9f);
    }
}
