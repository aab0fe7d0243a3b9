package io.verity.face;

/**
 * One face found in an image: where it is, how good a picture of a face it is, the estimates the models make, and
 * its embedding. Fields the requested {@link FaceEngine.Detail} did not compute are null.
 */
public record Face(
        Box box,
        float detectorScore,
        float[] landmarks,
        Quality quality,
        Float liveness,
        Attributes attributes,
        float[] embedding) {

    /**
     * Size is the box's shorter side in pixels; sharpness the Laplacian variance of the aligned face; embedding norm
     * the raw embedding's length (how clearly the embedder sees a face); pose in degrees.
     */
    public record Quality(float faceSize, float sharpness, float embeddingNorm, Float yaw, Float pitch, Float roll,
            Float leftEyeOpen, Float rightEyeOpen) {
    }

    /** Estimates, not facts: age in years; gender "male"/"female" with its probability; the most likely expression. */
    public record Attributes(float age, String gender, float genderProbability, String expression,
            float expressionProbability) {
    }
}
