package io.verity.face.pipeline;

import io.verity.face.image.RgbImage;
import io.verity.face.model.OnnxModel;
import io.verity.face.tensor.Sampler;
import io.verity.face.tensor.Sampler.Normalisation;

/**
 * fr_eye: a square around each eye (1.6× the eye's corner-to-corner width, from the landmarks), 24×24 grey / 255
 * → 2 logits; the probability that the eye is open is softmax[1] (see MODELS.md for how this was checked).
 */
public final class EyeModel {

    public record Eyes(float leftOpen, float rightOpen) {
    }

    private static final int SIZE = 24;
    private static final Normalisation NORM = Normalisation.grey(1f / 255f);
    private static final double PADDING = 1.6;

    private final OnnxModel model;

    public EyeModel(OnnxModel model) {
        this.model = model;
    }

    public Eyes predict(RgbImage image, Landmarks lm) {
        return new Eyes(openness(image, lm, new int[] {37, 38, 40, 41}, 36, 39),
                openness(image, lm, new int[] {43, 44, 46, 47}, 42, 45));
    }

    private float openness(RgbImage image, Landmarks lm, int[] lids, int outerCorner, int innerCorner) {
        double cx = 0, cy = 0;
        for (int p : lids) {
            cx += lm.x(p) / lids.length;
            cy += lm.y(p) / lids.length;
        }
        double size = Math.max(2, Math.abs(lm.x(innerCorner) - lm.x(outerCorner)) * PADDING);
        Crops.Rect crop = Crops.clipped(image, cx - size / 2, cy - size / 2, cx + size / 2, cy + size / 2);
        Sampler.sample(image, crop.toTensor(SIZE, SIZE), SIZE, SIZE, NORM, model.input());
        return Softmax.of(model.run().get("output"))[1];
    }
}
