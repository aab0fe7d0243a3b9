package io.verity.face.pipeline;

import io.verity.face.Box;
import io.verity.face.image.RgbImage;
import io.verity.face.model.OnnxModel;
import io.verity.face.tensor.Affine;
import io.verity.face.tensor.Sampler;
import io.verity.face.tensor.Sampler.Normalisation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * UltraFace (fr_detect): the whole image resized to 320×240, RGB (x − 127) / 128; outputs 4420 candidate boxes as
 * normalised corners with a face score. Candidates above {@code minScore} are merged by non-maximum suppression.
 */
public final class FaceDetector {

    public record Detection(Box box, float score) {
    }

    private static final int WIDTH = 320;
    private static final int HEIGHT = 240;
    private static final float NMS_IOU = 0.4f;
    private static final Normalisation NORM = Normalisation.rgb(127f, 1f / 128f);

    private final OnnxModel model;
    private final float minScore;

    public FaceDetector(OnnxModel model, float minScore) {
        this.model = model;
        this.minScore = minScore;
    }

    public List<Detection> detect(RgbImage image) {
        Sampler.sample(image, Affine.cropResize(0, 0, image.width(), image.height(), WIDTH, HEIGHT),
                WIDTH, HEIGHT, NORM, model.input());
        Map<String, float[]> out = model.run();
        float[] scores = out.get("scores");
        float[] boxes = out.get("boxes");
        List<Detection> candidates = new ArrayList<>();
        for (int i = 0; i < scores.length / 2; i++) {
            float score = scores[2 * i + 1];
            if (score >= minScore) {
                Box box = new Box(
                        clamp(boxes[4 * i] * image.width(), image.width()),
                        clamp(boxes[4 * i + 1] * image.height(), image.height()),
                        clamp(boxes[4 * i + 2] * image.width(), image.width()),
                        clamp(boxes[4 * i + 3] * image.height(), image.height()));
                if (box.width() > 1 && box.height() > 1) {
                    candidates.add(new Detection(box, score));
                }
            }
        }
        candidates.sort(Comparator.comparingDouble(Detection::score).reversed());
        List<Detection> kept = new ArrayList<>();
        for (Detection candidate : candidates) {
            if (kept.stream().noneMatch(k -> k.box().iou(candidate.box()) > NMS_IOU)) {
                kept.add(candidate);
            }
        }
        return kept;
    }

    private static float clamp(float v, int max) {
        return Math.max(0, Math.min(max, v));
    }
}
