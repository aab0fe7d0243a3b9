package io.verity.identity.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.verity.face.FaceEngineConfig;
import io.verity.face.model.ModelLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The matcher's settings. What is not set here falls back to {@link FaceEngineConfig#defaults()}, the one place the
 * measured face-engine defaults live.
 */
@ConfigMapping(prefix = "verity.face")
public interface FaceConfig {

    Optional<Path> modelsDir();

    Optional<Integer> intraOpThreads();

    Optional<ModelLoader.Provider> executionProvider();

    Optional<Long> maxImageBytes();

    Optional<Long> maxImagePixels();

    Optional<Long> workingPixels();

    Optional<Float> minDetectorScore();

    Optional<Float> minFaceSize();

    Optional<Float> minEmbeddingNorm();

    Optional<Float> matchThreshold();

    Optional<Float> minEnrolSharpness();

    Optional<Float> maxEnrolYaw();

    /** Analyses running at once; more callers wait (up to {@link #admissionWait()}) so latency stays bounded. */
    @WithDefault("4")
    int maxConcurrentAnalyses();

    /**
     * Analyses one client may run at once (below {@link #maxConcurrentAnalyses()}, so that a client at its limit leaves
     * slots to the others); more get 429 with Retry-After at once.
     */
    @WithDefault("2")
    int maxConcurrentAnalysesPerClient();

    /** {@code image_url} fetches one client may have in flight at once; more get 429 with Retry-After. */
    @WithDefault("4")
    int maxConcurrentFetchesPerClient();

    /** How long a caller waits for a free analysis slot before getting 503. */
    @WithDefault("10s")
    Duration admissionWait();

    /** How often a replica reads template changes made by the others. */
    @WithDefault("2s")
    Duration indexRefresh();

    default FaceEngineConfig engineConfig() {
        FaceEngineConfig d = FaceEngineConfig.defaults();
        return new FaceEngineConfig(
                modelsDir().orElse(d.modelsDir()),
                intraOpThreads().orElse(d.intraOpThreads()),
                executionProvider().orElse(d.provider()),
                maxImageBytes().orElse(d.maxImageBytes()),
                maxImagePixels().orElse(d.maxImagePixels()),
                workingPixels().orElse(d.workingPixels()),
                minDetectorScore().orElse(d.minDetectorScore()),
                minFaceSize().orElse(d.minFaceSize()),
                minEmbeddingNorm().orElse(d.minEmbeddingNorm()),
                matchThreshold().orElse(d.matchThreshold()),
                minEnrolSharpness().orElse(d.minEnrolSharpness()),
                maxEnrolYaw().orElse(d.maxEnrolYaw()));
    }
}
