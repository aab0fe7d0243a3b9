package io.verity.face;

import io.verity.face.model.ModelLoader;
import io.verity.face.model.ModelStore;
import java.nio.file.Path;

/**
 * Settings of the face engine. {@link #defaults()} are the measured defaults; see docs/face-engine.md.
 *
 * @param modelsDir       where bin/fetch-models cached the models
 * @param intraOpThreads  ONNX Runtime threads per inference (1 serves concurrent callers best on few cores)
 * @param provider        CPU, or CUDA with the onnxruntime_gpu build
 * @param maxImageBytes   larger uploads are refused ({@code too_large})
 * @param maxImagePixels  larger images are refused from their header, before decoding ({@code too_large})
 * @param workingPixels   larger images are decoded subsampled to about this many pixels
 * @param minDetectorScore detections below this face score are ignored
 * @param minFaceSize     faces whose box's shorter side is smaller (pixels) are not usable ({@code face_too_small})
 * @param minEmbeddingNorm detections whose raw embedding is shorter are not faces (background patches, texture)
 * @param matchThreshold  cosine similarity at or above which two faces are the same person
 * @param minEnrolSharpness enrolment refuses faces whose aligned crop is less sharp ({@code face_too_blurred})
 * @param maxEnrolYaw     enrolment refuses faces turned further left or right, degrees ({@code face_turned_too_far})
 */
public record FaceEngineConfig(
        Path modelsDir,
        int intraOpThreads,
        ModelLoader.Provider provider,
        long maxImageBytes,
        long maxImagePixels,
        long workingPixels,
        float minDetectorScore,
        float minFaceSize,
        float minEmbeddingNorm,
        float matchThreshold,
        float minEnrolSharpness,
        float maxEnrolYaw) {

    public static FaceEngineConfig defaults() {
        return new FaceEngineConfig(ModelStore.defaultDirectory(), 1, ModelLoader.Provider.CPU,
                15L * 1024 * 1024, 50_000_000L, 4_000_000L, 0.9f, 40f, 2.3f, 0.41f, 15f, 30f);
    }

    public FaceEngineConfig withMinFaceSize(float pixels) {
        return new FaceEngineConfig(modelsDir, intraOpThreads, provider, maxImageBytes, maxImagePixels, workingPixels,
                minDetectorScore, pixels, minEmbeddingNorm, matchThreshold, minEnrolSharpness, maxEnrolYaw);
    }

    public FaceEngineConfig withIntraOpThreads(int threads) {
        return new FaceEngineConfig(modelsDir, threads, provider, maxImageBytes, maxImagePixels, workingPixels,
                minDetectorScore, minFaceSize, minEmbeddingNorm, matchThreshold, minEnrolSharpness, maxEnrolYaw);
    }
}
