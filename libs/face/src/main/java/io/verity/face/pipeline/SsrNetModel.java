package io.verity.face.pipeline;

import io.verity.face.Box;
import io.verity.face.image.RgbImage;
import io.verity.face.model.OnnxModel;
import io.verity.face.tensor.Sampler;
import io.verity.face.tensor.Sampler.Normalisation;
import java.util.Map;

/**
 * fr_age and fr_gender are SSR-Net regressors: the box scaled 1.4×, 64×64, BGR with ImageNet normalisation; three stages
 * of 3-bin probabilities, their scale shifts (delta_k) and index offsets merge into one value (× 101 for age,
 * × 1 for the gender score, which is near 1 for men and near 0 for women).
 */
public final class SsrNetModel {

    private static final int SIZE = 64;
    private static final int STAGE_BINS = 3;
    /** Trained on OpenCV (BGR) images: in RGB order every face of our test set reads as male. */
    private static final Normalisation BGR_IMAGENET = Normalisation.imagenet().inBgrOrder();

    private final OnnxModel model;
    private final double range;

    public SsrNetModel(OnnxModel model, double range) {
        this.model = model;
        this.range = range;
    }

    public float predict(RgbImage image, Box box) {
        Sampler.sample(image, Crops.scaledBox(image, box, 1.4).toTensor(SIZE, SIZE), SIZE, SIZE,
                BGR_IMAGENET, model.input());
        Map<String, float[]> out = model.run();
        float[][] probabilities = {out.get("prob_stage_1"), out.get("prob_stage_2"), out.get("prob_stage_3")};
        float[] deltaK = {out.get("stage1_delta_k")[0], out.get("stage2_delta_k")[0], out.get("stage3_delta_k")[0]};
        float[][] offsets = {out.get("index_offset_stage1"), out.get("index_offset_stage2"), out.get("index_offset_stage3")};
        double value = 0;
        double denominator = 1;
        for (int stage = 0; stage < 3; stage++) {
            denominator *= STAGE_BINS * (1 + deltaK[stage]);
            double sum = 0;
            for (int i = 0; i < STAGE_BINS; i++) {
                sum += (i + offsets[stage][i]) * probabilities[stage][i];
            }
            value += sum / denominator;
        }
        return (float) (value * range);
    }
}
