package io.verity.face.model;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;

/**
 * Creates ONNX Runtime sessions with the settings that matter here: BASIC graph optimisation (ALL makes the embedder
 * 3–4× slower on these CPUs), a configurable number of intra-op threads, and the CPU or CUDA execution provider.
 */
public final class ModelLoader {

    public enum Provider { CPU, CUDA }

    private final ModelStore store;
    private final int intraOpThreads;
    private final Provider provider;
    private final OrtEnvironment env;

    public ModelLoader(ModelStore store, int intraOpThreads, Provider provider) {
        this.store = store;
        this.intraOpThreads = intraOpThreads;
        this.provider = provider;
        this.env = OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR, "verity-face");
    }

    public OnnxModel load(String fileName, long... inputShape) {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setOptimizationLevel(OptLevel.BASIC_OPT);
            options.setIntraOpNumThreads(intraOpThreads);
            options.setInterOpNumThreads(1);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            options.setSessionLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
            if (provider == Provider.CUDA) {
                options.addCUDA(0);
            }
            OrtSession session = env.createSession(store.path(fileName).toString(), options);
            return new OnnxModel(fileName, env, session, inputShape);
        } catch (OrtException e) {
            throw new ModelException("cannot load " + fileName + " with the " + provider + " provider: " + e.getMessage()
                    + (provider == Provider.CUDA ? " (the CUDA provider needs the onnxruntime_gpu build, -Dgpu, and a GPU)" : ""), e);
        }
    }
}
