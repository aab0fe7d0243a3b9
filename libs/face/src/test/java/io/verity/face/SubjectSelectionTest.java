package io.verity.face;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.ConvolveOp;
import java.awt.image.Kernel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Which face of a photo is matched. A portrait beside a larger, blurred copy of a face (the kind of background patch
 * the detector fires on with a high score) must still give the portrait's face; so must a tight face crop.
 */
class SubjectSelectionTest {

    static FaceEngine engine;

    @BeforeAll
    static void load() {
        engine = new FaceEngine(FaceEngineConfig.defaults());
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    private static float[] subject(byte[] image) {
        return engine.analyze(image, FaceEngine.Detail.MATCH).subject().embedding();
    }

    @Test
    void aLargerBlurredFaceBesideThePortraitDoesNotWin() {
        BufferedImage portrait = TestImages.decodeWithImageIo(TestImages.face("obama/obama-1.jpg"));
        float[] reference = subject(TestImages.face("obama/obama-4.jpg"));

        // Beside the portrait: another person's face, enlarged 1.6× and heavily blurred; the detector scores it higher.
        BufferedImage other = TestImages.scaled(TestImages.decodeWithImageIo(TestImages.face("biden/biden-1.jpg")), 1.6);
        BufferedImage patch = blurred(other, 25);
        BufferedImage scene = new BufferedImage(portrait.getWidth() + patch.getWidth(),
                Math.max(portrait.getHeight(), patch.getHeight()), BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = scene.createGraphics();
        g.setColor(new Color(90, 100, 110));
        g.fillRect(0, 0, scene.getWidth(), scene.getHeight());
        g.drawImage(portrait, 0, 0, null);
        g.drawImage(patch, portrait.getWidth(), 0, null);
        g.dispose();

        Analysis analysis = engine.analyze(TestImages.encode(scene, "png"), FaceEngine.Detail.MATCH);
        Face chosen = analysis.subject();
        assertThat(chosen.box().x2()).as("the subject lies in the portrait").isLessThanOrEqualTo(portrait.getWidth());
        assertThat(FaceEngine.similarity(chosen.embedding(), reference)).isGreaterThan(engine.config().matchThreshold());
        // Every face reported passed the embedder's test.
        assertThat(analysis.faces()).allSatisfy(f -> assertThat(f.quality().embeddingNorm())
                .isGreaterThanOrEqualTo(engine.config().minEmbeddingNorm()));
    }

    @Test
    void aTightFaceCropIsFoundAndMatchesTheSamePersonsPortrait() {
        BufferedImage portrait = TestImages.decodeWithImageIo(TestImages.face("obama/obama-1.jpg"));
        Face face = engine.analyze(TestImages.encode(portrait, "png"), FaceEngine.Detail.MATCH).subject();
        Box b = face.box();
        // Crop inside the detector's box: the face fills the frame, as in face thumbnails.
        int inset = Math.round(b.width() * 0.1f);
        BufferedImage crop = portrait.getSubimage(Math.round(b.x1()) + inset, Math.round(b.y1()) + inset,
                Math.round(b.width()) - 2 * inset, Math.round(b.height()) - 2 * inset);
        Analysis tight = engine.analyze(TestImages.encode(crop, "png"), FaceEngine.Detail.MATCH);
        assertThat(tight.subject().box().x1()).as("boxes are in the crop's own pixels").isGreaterThan(-crop.getWidth());
        assertThat(FaceEngine.similarity(tight.subject().embedding(), subject(TestImages.face("obama/obama-4.jpg"))))
                .isGreaterThan(engine.config().matchThreshold());
    }

    private static BufferedImage blurred(BufferedImage image, int passes) {
        float[] box = new float[81];
        java.util.Arrays.fill(box, 1f / 81);
        ConvolveOp op = new ConvolveOp(new Kernel(9, 9, box), ConvolveOp.EDGE_NO_OP,
                new RenderingHints(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY));
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        out.getGraphics().drawImage(image, 0, 0, null);
        for (int i = 0; i < passes; i++) {
            BufferedImage next = new BufferedImage(out.getWidth(), out.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
            op.filter(out, next);
            out = next;
        }
        return out;
    }
}
