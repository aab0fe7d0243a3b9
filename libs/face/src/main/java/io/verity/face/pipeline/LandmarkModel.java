package io.verity.face.pipeline;

import io.verity.face.Box;
import io.verity.face.image.RgbImage;
import io.verity.face.model.OnnxModel;
import io.verity.face.tensor.Sampler;
import io.verity.face.tensor.Sampler.Normalisation;

/** fr_landmark: the face box resized to 64×64 grey / 256 → 68 points normalised to the box. */
public final class LandmarkModel {

    private static final int SIZE = 64;
    private static final Normalisation NORM = Normalisation.grey(1f / 256f);

    private final OnnxModel model;

    public LandmarkModel(OnnxModel model) {
        this.model = model;
    }

    public Landmarks locate(RgbImage image, Box box) {
        Crops.Rect crop = Crops.scaledBox(image, box, 1.0);
        Sampler.sample(image, crop.toTensor(SIZE, SIZE), SIZE, SIZE, NORM, model.input());
        float[] normalised = model.run().get("output");
        // The crop may have been shifted into the image: map through it, not through the box.
        float[] xy = new float[normalised.length];
        for (int i = 0; i < normalised.length; i += 2) {
            xy[i] = (float) (crop.left() + normalised[i] * crop.width());
            xy[i + 1] = (float) (crop.top() + normalised[i + 1] * crop.height());
        }
        return new Landmarks(xy);
    }
}
