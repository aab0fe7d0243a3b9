package io.verity.face.pipeline;

import io.verity.face.Box;
import io.verity.face.image.RgbImage;
import io.verity.face.model.OnnxModel;
import io.verity.face.tensor.Sampler;
import io.verity.face.tensor.Sampler.Normalisation;

/** fr_expression: from the box's top-left corner, 1.2× its size, 224×224 RGB / 255 → 7 expression logits. */
public final class ExpressionModel {

    /** The FER-2013 classes, in the model's output order (see MODELS.md for how this was checked). */
    public static final String[] LABELS = {"angry", "disgust", "fear", "happy", "sad", "surprise", "neutral"};

    public record Expression(String label, float probability) {
    }

    private static final int SIZE = 224;
    private static final Normalisation NORM = Normalisation.rgb(0f, 1f / 255f);

    private final OnnxModel model;

    public ExpressionModel(OnnxModel model) {
        this.model = model;
    }

    public Expression predict(RgbImage image, Box box) {
        Crops.Rect crop = Crops.clipped(image, box.x1(), box.y1(), box.x1() + 1.2 * box.width(), box.y1() + 1.2 * box.height());
        Sampler.sample(image, crop.toTensor(SIZE, SIZE), SIZE, SIZE, NORM, model.input());
        float[] p = Softmax.of(model.run().get("output"));
        int best = Softmax.argmax(p);
        return new Expression(LABELS[best], p[best]);
    }
}
