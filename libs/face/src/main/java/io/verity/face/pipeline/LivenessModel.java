package io.verity.face.pipeline;

import io.verity.face.Box;
import io.verity.face.image.RgbImage;
import io.verity.face.model.OnnxModel;
import io.verity.face.tensor.Sampler;
import io.verity.face.tensor.Sampler.Normalisation;

/** fr_liveness: the box scaled 2.7×, 128×128 raw BGR 0–255 → 3 logits; softmax[0] is the probability of a live face. */
public final class LivenessModel {

    private static final int SIZE = 128;
    /** MiniFASNet takes raw OpenCV (BGR) frames: in RGB order clear portraits score as low as 0.12 (MODELS.md). */
    private static final Normalisation RAW_BGR = Normalisation.rgb(0f, 1f).inBgrOrder();

    private final OnnxModel model;

    public LivenessModel(OnnxModel model) {
        this.model = model;
    }

    public float liveProbability(RgbImage image, Box box) {
        Sampler.sample(image, Crops.scaledBox(image, box, 2.7).toTensor(SIZE, SIZE), SIZE, SIZE, RAW_BGR, model.input());
        return Softmax.of(model.run().get("output"))[0];
    }
}
