package io.verity.face.pipeline;

import io.verity.face.Box;
import io.verity.face.image.RgbImage;
import io.verity.face.model.OnnxModel;
import io.verity.face.tensor.Sampler;
import io.verity.face.tensor.Sampler.Normalisation;
import java.util.Map;

/**
 * fr_pose (HopeNet): the box grown by a quarter on each side, 224×224 with ImageNet normalisation → yaw, pitch and
 * roll as 66 bins of 3° from −99°; the angle is the softmax expectation.
 */
public final class PoseModel {

    public record Pose(float yaw, float pitch, float roll) {
    }

    private static final int SIZE = 224;

    private final OnnxModel model;

    public PoseModel(OnnxModel model) {
        this.model = model;
    }

    public Pose predict(RgbImage image, Box box) {
        float dw = box.width() / 4;
        float dh = box.height() / 4;
        Crops.Rect crop = Crops.clipped(image, box.x1() - dw, box.y1() - dh, box.x2() + dw, box.y2() + dh);
        Sampler.sample(image, crop.toTensor(SIZE, SIZE), SIZE, SIZE, Normalisation.imagenet(), model.input());
        Map<String, float[]> out = model.run();
        return new Pose(degrees(out.get("output")), degrees(out.get("617")), degrees(out.get("618")));
    }

    private static float degrees(float[] logits) {
        return (float) (Softmax.expectation(Softmax.of(logits)) * 3 - 99);
    }
}
