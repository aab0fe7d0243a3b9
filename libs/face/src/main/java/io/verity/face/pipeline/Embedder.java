package io.verity.face.pipeline;

import io.verity.face.image.RgbImage;
import io.verity.face.model.OnnxModel;
import io.verity.face.tensor.Affine;
import io.verity.face.tensor.Sampler;
import io.verity.face.tensor.Sampler.Normalisation;
import java.nio.FloatBuffer;

/**
 * fr_feature: the aligned 112×112 face, RGB (x − 127) / 128 → a 512-d embedding, L2-normalised so that the dot
 * product of two embeddings is their cosine similarity. Also measures the aligned face's sharpness.
 */
public final class Embedder {

    public static final int DIMENSIONS = 512;
    private static final int SIZE = 112;
    private static final Normalisation NORM = Normalisation.rgb(127f, 1f / 128f);

    /**
     * @param vector    the L2-normalised embedding
     * @param sharpness Laplacian variance of the aligned face's grey values
     * @param norm      the raw embedding's length before normalisation: small when the crop is not a face the model
     *                  knows (background patches, heavy blur), 2.8–4.5 on clear faces (docs/face-engine.md)
     */
    public record Embedding(float[] vector, float sharpness, float norm) {
    }

    private final OnnxModel model;

    public Embedder(OnnxModel model) {
        this.model = model;
    }

    public Embedding embed(RgbImage image, Landmarks landmarks) {
        Affine imageToCrop = Alignment.toReference(landmarks.fivePoints());
        FloatBuffer input = model.input();
        // warpAffine semantics: crop pixel (x, y) is image pixel inverse(T)(x, y), no half-pixel shift.
        Sampler.sample(image, imageToCrop.inverse(), SIZE, SIZE, NORM, input);
        float sharpness = laplacianVariance(input);
        float[] raw = model.run().get("output");
        return new Embedding(normalised(raw), sharpness, length(raw));
    }

    static float length(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += x * x;
        }
        return (float) Math.sqrt(sum);
    }

    public static float[] normalised(float[] v) {
        float inv = 1 / Math.max(length(v), 1e-6f);
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] * inv;
        }
        return out;
    }

    public static float cosine(float[] a, float[] b) {
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
        }
        return (float) dot;
    }

    /** Variance of the 4-neighbour Laplacian of the aligned face's grey values (0–255): blur makes it small. */
    private static float laplacianVariance(FloatBuffer planes) {
        int plane = SIZE * SIZE;
        float[] grey = new float[plane];
        for (int i = 0; i < plane; i++) {
            float r = planes.get(i), g = planes.get(i + plane), b = planes.get(i + 2 * plane);
            grey[i] = (0.299f * r + 0.587f * g + 0.114f * b) * 128f + 127f;
        }
        double sum = 0, sumSq = 0;
        int count = 0;
        for (int y = 1; y < SIZE - 1; y++) {
            for (int x = 1; x < SIZE - 1; x++) {
                int i = y * SIZE + x;
                double lap = grey[i - 1] + grey[i + 1] + grey[i - SIZE] + grey[i + SIZE] - 4 * grey[i];
                sum += lap;
                sumSq += lap * lap;
                count++;
            }
        }
        double mean = sum / count;
        return (float) (sumSq / count - mean * mean);
    }
}
